package dev.openmail.application.fakes;

import dev.openmail.application.contract.ApiKeyStoreContract;

class InMemoryApiKeyStoreContractTest extends ApiKeyStoreContract {

    private final InMemoryStore store = new InMemoryStore();

    @Override
    protected Ports ports() {
        return new Ports(new InMemoryTransactions(store), store, store, store, store, store, store);
    }
}
