package dev.openmail.application.fakes;

import dev.openmail.application.contract.SendCountersContract;

class InMemorySendCountersContractTest extends SendCountersContract {

    private final InMemoryStore store = new InMemoryStore();

    @Override
    protected Ports ports() {
        return new Ports(new InMemoryTransactions(store), store, store, store, store.mail(), store.sendCounters());
    }
}
