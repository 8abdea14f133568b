package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.MailThread;

public interface ListThreads {

    /** Latest message first; only read or only unread threads when given. */
    Page<MailThread> list(Caller caller, InboxId inboxId, Boolean isReadOrNull, PageRequest page);
}
