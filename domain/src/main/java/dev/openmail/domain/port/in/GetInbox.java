package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;

public interface GetInbox {

    Inbox get(Caller caller, InboxId inboxId);
}
