package dev.openmail.application.fakes;

import dev.openmail.application.contract.PodStoreContract;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.pod.PodId;

class InMemoryStoreContractTest extends PodStoreContract {

    private final InMemoryStore store = new InMemoryStore();

    @Override
    protected Ports ports() {
        return new Ports(new InMemoryTransactions(store), store, store, store, store, store, store, store, store);
    }

    @Override
    protected void insertInbox(AccountId accountId, PodId podId) {
        store.addInbox(accountId, podId);
    }

    @Override
    protected void insertScopedDomain(AccountId accountId, PodId podId) {
        store.addScopedDomain(accountId, podId);
    }
}
