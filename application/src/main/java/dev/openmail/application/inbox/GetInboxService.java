package dev.openmail.application.inbox;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.port.in.GetInbox;
import dev.openmail.domain.port.out.LoadInboxes;

public final class GetInboxService implements GetInbox {

    private final LoadInboxes loadInboxes;

    public GetInboxService(LoadInboxes loadInboxes) {
        this.loadInboxes = loadInboxes;
    }

    @Override
    public Inbox get(Caller caller, InboxId inboxId) {
        Access.requireKind(caller, Action.READ_INBOXES);
        Inbox inbox = loadInboxes.find(caller.accountId(), inboxId).orElseThrow(() -> Inbox.notFound(inboxId.value()));
        Access.require(caller, Action.READ_INBOXES, inbox.place());
        return inbox;
    }
}
