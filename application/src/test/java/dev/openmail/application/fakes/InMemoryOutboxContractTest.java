package dev.openmail.application.fakes;

import dev.openmail.application.contract.OutboxContract;

class InMemoryOutboxContractTest extends OutboxContract {

    private final InMemoryStore store = new InMemoryStore();

    @Override
    protected Ports ports() {
        return new Ports(new InMemoryTransactions(store), store, store, store, store.mail(), store.outbox(),
                store.outboundRecipients());
    }
}
