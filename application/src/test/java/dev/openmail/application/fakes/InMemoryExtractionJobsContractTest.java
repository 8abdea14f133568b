package dev.openmail.application.fakes;

import dev.openmail.application.contract.ExtractionJobsContract;

class InMemoryExtractionJobsContractTest extends ExtractionJobsContract {

    private final InMemoryStore store = new InMemoryStore();

    @Override
    protected Ports ports() {
        return new Ports(new InMemoryTransactions(store), store, store, store, store.mail(), store.mail(),
                store.extraction(), store.extraction());
    }
}
