package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.pod.PodRef;

public interface ListInboxes {

    /** Oldest first; with a pod, only that pod's inboxes (an unknown pod has none). */
    Page<Inbox> list(Caller caller, PodRef podOrNull, PageRequest page);
}
