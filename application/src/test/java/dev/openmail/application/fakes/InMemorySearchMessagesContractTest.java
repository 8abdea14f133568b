package dev.openmail.application.fakes;

import dev.openmail.application.contract.SearchMessagesContract;

class InMemorySearchMessagesContractTest extends SearchMessagesContract {

    private final InMemoryStore store = new InMemoryStore();

    @Override
    protected Ports ports() {
        return new Ports(store, store, store, store.mail(), store.extraction(), store.mail());
    }
}
