package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.Direction;
import dev.openmail.domain.mail.Message;

public interface ListMessages {

    /** Newest first; only one direction's messages when given. */
    Page<Message> list(Caller caller, InboxId inboxId, Direction directionOrNull, PageRequest page);
}
