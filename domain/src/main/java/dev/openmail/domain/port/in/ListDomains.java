package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.pod.PodRef;

public interface ListDomains {

    /** Oldest first; with a pod, only the domains scoped to it (an unknown pod has none). */
    Page<MailDomain> list(Caller caller, PodRef podOrNull, PageRequest page);
}
