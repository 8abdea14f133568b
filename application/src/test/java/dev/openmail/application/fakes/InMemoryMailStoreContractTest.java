package dev.openmail.application.fakes;

import dev.openmail.application.contract.MailStoreContract;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.MessageId;

import java.util.List;

class InMemoryMailStoreContractTest extends MailStoreContract {

    private final InMemoryStore store = new InMemoryStore();

    @Override
    protected Ports ports() {
        return new Ports(new InMemoryTransactions(store), store, store, store, store.mail(), store.mail());
    }

    @Override
    protected StoredRows storedRows(AccountId accountId, InboxId inboxId, List<MessageId> messageIds) {
        return new StoredRows(store.threadRows(accountId, inboxId), store.messageRows(accountId, inboxId),
                store.attachmentRows(accountId, messageIds));
    }
}
