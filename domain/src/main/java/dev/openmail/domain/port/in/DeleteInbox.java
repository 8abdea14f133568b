package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.inbox.InboxId;

public interface DeleteInbox {

    void delete(Caller caller, InboxId inboxId);
}
