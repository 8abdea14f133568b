package dev.openmail.application.mail;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.port.out.LoadInboxes;

/**
 * Finds the inbox whose mail a caller asks for, and lets the caller in only if its key reaches that inbox. The kind of
 * key is checked by the use case before it opens its transaction.
 */
final class ReadMailAccess {

    private ReadMailAccess() {
    }

    static Inbox inboxFor(Caller caller, Action action, LoadInboxes loadInboxes, InboxId inboxId) {
        Inbox inbox = loadInboxes.find(caller.accountId(), inboxId).orElseThrow(() -> Inbox.notFound(inboxId.value()));
        Access.require(caller, action, inbox.place());
        return inbox;
    }
}
