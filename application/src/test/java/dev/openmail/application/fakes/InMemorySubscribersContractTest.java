package dev.openmail.application.fakes;

import dev.openmail.application.contract.SubscribersContract;

class InMemorySubscribersContractTest extends SubscribersContract {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemorySubscribers subscribers = new InMemorySubscribers();

    @Override
    protected Ports ports() {
        return new Ports(new InMemoryTransactions(store), store, store, store, store.mail(), subscribers, subscribers);
    }
}
