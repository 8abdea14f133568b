package dev.openmail.application.fakes;

import dev.openmail.application.contract.WebhookStoreContract;

class InMemoryWebhookStoreContractTest extends WebhookStoreContract {

    private final InMemoryStore store = new InMemoryStore();

    @Override
    protected Ports ports() {
        return new Ports(new InMemoryTransactions(store), store, store, store, store.mail(), store.events(),
                store.events(), store.webhooks(), store.webhooks());
    }
}
