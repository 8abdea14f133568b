package dev.openmail.application.fakes;

import dev.openmail.application.contract.SenderRuleStoreContract;

class InMemorySenderRuleStoreContractTest extends SenderRuleStoreContract {

    private final InMemoryStore store = new InMemoryStore();

    @Override
    protected Ports ports() {
        return new Ports(new InMemoryTransactions(store), store, store, store, store.senderRules());
    }
}
