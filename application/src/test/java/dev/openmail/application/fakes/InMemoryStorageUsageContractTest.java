package dev.openmail.application.fakes;

import dev.openmail.application.contract.StorageUsageContract;

class InMemoryStorageUsageContractTest extends StorageUsageContract {

    private final InMemoryStore store = new InMemoryStore();

    @Override
    protected Ports ports() {
        return new Ports(new InMemoryTransactions(store), store, store, store, store.usage());
    }
}
