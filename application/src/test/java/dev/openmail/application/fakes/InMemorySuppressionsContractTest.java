package dev.openmail.application.fakes;

import dev.openmail.application.contract.SuppressionsContract;

class InMemorySuppressionsContractTest extends SuppressionsContract {

    private final InMemoryStore store = new InMemoryStore();

    @Override
    protected Ports ports() {
        return new Ports(new InMemoryTransactions(store), store, store, store.suppressions());
    }
}
