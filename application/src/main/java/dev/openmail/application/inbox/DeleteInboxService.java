package dev.openmail.application.inbox;

import dev.openmail.application.access.Access;
import dev.openmail.application.account.RecentKeys;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.port.in.DeleteInbox;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.StorageUsage;
import dev.openmail.domain.port.out.Transactions;

public final class DeleteInboxService implements DeleteInbox {

    private final Transactions transactions;
    private final LoadInboxes loadInboxes;
    private final SaveInbox saveInbox;
    private final StorageUsage usage;
    private final RecentKeys recentKeys;

    /**
     * Deleting an inbox gives its stored bytes back to its account's usage, in the same transaction; the keys confined
     * to it go with it, so this process forgets the keys it remembers once that is committed.
     */
    public DeleteInboxService(Transactions transactions, LoadInboxes loadInboxes, SaveInbox saveInbox,
                              StorageUsage usage, RecentKeys recentKeys) {
        this.usage = usage;
        this.recentKeys = recentKeys;
        this.transactions = transactions;
        this.loadInboxes = loadInboxes;
        this.saveInbox = saveInbox;
    }

    @Override
    public void delete(Caller caller, InboxId inboxId) {
        AccountId accountId = caller.accountId();
        Access.requireKind(caller, Action.DELETE_INBOX);
        try {
            transactions.inTransaction(() -> {
                Inbox inbox = loadInboxes.find(accountId, inboxId).orElseThrow(() -> Inbox.notFound(inboxId.value()));
                Access.require(caller, Action.DELETE_INBOX, inbox.place());
                usage.forget(inbox);
                if (!saveInbox.remove(inbox)) {
                    throw Inbox.notFound(inboxId.value());
                }
            });
        } finally {
            recentKeys.forgetAll();
        }
    }
}
