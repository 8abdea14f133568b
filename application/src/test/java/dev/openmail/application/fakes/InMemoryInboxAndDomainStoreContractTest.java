package dev.openmail.application.fakes;

import dev.openmail.application.contract.InboxAndDomainStoreContract;

class InMemoryInboxAndDomainStoreContractTest extends InboxAndDomainStoreContract {

    private final InMemoryStore store = new InMemoryStore();

    @Override
    protected Ports ports() {
        return new Ports(new InMemoryTransactions(store), store, store, store, store, store, store, store.domains(),
                store.domains(), store, store);
    }
}
