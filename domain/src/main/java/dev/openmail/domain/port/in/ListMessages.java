package dev.openmail.domain.port.in;

import dev.openmail.domain.mail.BoundedMessage;
import dev.openmail.domain.mail.BodyBudget;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.Direction;

public interface ListMessages {

    /** Newest first; only one direction's messages when given; the page's bodies cut to share {@code budget}. */
    Page<BoundedMessage> list(Caller caller, InboxId inboxId, Direction directionOrNull, PageRequest page,
                              BodyBudget budget);
}
