package dev.openmail.application.inbox;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.port.in.GetInbox;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.Transactions;

public final class GetInboxService implements GetInbox {

    private final Transactions transactions;
    private final LoadInboxes loadInboxes;

    public GetInboxService(Transactions transactions, LoadInboxes loadInboxes) {
        this.transactions = transactions;
        this.loadInboxes = loadInboxes;
    }

    @Override
    public Inbox get(Caller caller, InboxId inboxId) {
        Access.requireKind(caller, Action.READ_INBOXES);
        Inbox inbox = transactions.reading(() -> loadInboxes.find(caller.accountId(), inboxId))
                .orElseThrow(() -> Inbox.notFound(inboxId.value()));
        Access.require(caller, Action.READ_INBOXES, inbox.place());
        return inbox;
    }
}
