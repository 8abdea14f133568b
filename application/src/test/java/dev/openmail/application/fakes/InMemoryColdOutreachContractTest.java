package dev.openmail.application.fakes;

import dev.openmail.application.contract.ColdOutreachContract;

class InMemoryColdOutreachContractTest extends ColdOutreachContract {

    @Override
    protected Ports ports() {
        InMemoryStore store = new InMemoryStore();
        return new Ports(new InMemoryTransactions(store), store, store, store, store.mail(), store.coldOutreach(),
                store.coldOutreach(), store.coldOutreach());
    }
}
