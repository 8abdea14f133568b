package dev.openmail.application.fakes;

import dev.openmail.application.contract.EventLogContract;

class InMemoryEventLogContractTest extends EventLogContract {

    private final InMemoryStore store = new InMemoryStore();

    @Override
    protected Ports ports() {
        return new Ports(new InMemoryTransactions(store), store, store, store, store.mail(), store.events(),
                store.events(), store.events());
    }
}
