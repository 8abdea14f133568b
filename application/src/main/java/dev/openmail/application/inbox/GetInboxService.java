package dev.openmail.application.inbox;

import dev.openmail.domain.account.AccountId;
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
    public Inbox get(AccountId accountId, InboxId inboxId) {
        return loadInboxes.find(accountId, inboxId).orElseThrow(() -> Inbox.notFound(inboxId.value()));
    }
}
