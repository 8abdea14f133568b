package dev.openmail.application.fakes;

import dev.openmail.application.contract.IdempotentSendsContract;

class InMemoryIdempotentSendsContractTest extends IdempotentSendsContract {

    private final InMemoryStore store = new InMemoryStore();

    @Override
    protected Ports ports() {
        return new Ports(new InMemoryTransactions(store), store, store, store, store.mail(), store.idempotentSends());
    }
}
