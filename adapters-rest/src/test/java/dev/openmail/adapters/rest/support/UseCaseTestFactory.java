package dev.openmail.adapters.rest.support;

import dev.openmail.application.account.AuthenticateApiKeyService;
import dev.openmail.application.account.ListAccountsService;
import dev.openmail.application.account.OpenAccountService;
import dev.openmail.application.account.UpdateAccountService;
import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.application.fakes.InMemoryTransactions;
import dev.openmail.application.pod.CreatePodService;
import dev.openmail.application.pod.DeletePodService;
import dev.openmail.application.pod.GetPodService;
import dev.openmail.application.pod.ListPodsService;
import dev.openmail.application.pod.UpdatePodService;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.port.in.AuthenticateApiKey;
import dev.openmail.domain.port.in.CreatePod;
import dev.openmail.domain.port.in.DeletePod;
import dev.openmail.domain.port.in.GetPod;
import dev.openmail.domain.port.in.ListAccounts;
import dev.openmail.domain.port.in.ListPods;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.UpdateAccount;
import dev.openmail.domain.port.in.UpdatePod;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The real use cases on one in-memory store, in place of bootstrap's wiring on the database: the controllers are
 * exercised over HTTP with everything below them real except persistence.
 */
@Factory
public final class UseCaseTestFactory {

    /** Every resource made in a controller test is created at this instant. */
    public static final Instant NOW = Instant.parse("2025-03-04T05:06:07.891Z");

    /** What an account opened without an inboxLimit gets; chosen to differ from every limit a test sends. */
    public static final InboxLimit DEFAULT_INBOX_LIMIT = new InboxLimit(42);

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Singleton
    InMemoryStore store() {
        return new InMemoryStore();
    }

    @Singleton
    InMemoryTransactions transactions(InMemoryStore store) {
        return new InMemoryTransactions(store);
    }

    @Singleton
    CreatePod createPod(InMemoryTransactions transactions, InMemoryStore store) {
        return new CreatePodService(transactions, store, clock);
    }

    @Singleton
    ListPods listPods(InMemoryTransactions transactions, InMemoryStore store) {
        return new ListPodsService(transactions, store);
    }

    @Singleton
    GetPod getPod(InMemoryStore store) {
        return new GetPodService(store);
    }

    @Singleton
    UpdatePod updatePod(InMemoryTransactions transactions, InMemoryStore store) {
        return new UpdatePodService(transactions, store, store);
    }

    @Singleton
    DeletePod deletePod(InMemoryTransactions transactions, InMemoryStore store) {
        return new DeletePodService(transactions, store, store, store);
    }

    @Singleton
    OpenAccount openAccount(InMemoryTransactions transactions, InMemoryStore store) {
        return new OpenAccountService(transactions, store, store, store, DEFAULT_INBOX_LIMIT, clock);
    }

    @Singleton
    ListAccounts listAccounts(InMemoryTransactions transactions, InMemoryStore store) {
        return new ListAccountsService(transactions, store);
    }

    @Singleton
    UpdateAccount updateAccount(InMemoryTransactions transactions, InMemoryStore store) {
        return new UpdateAccountService(transactions, store, store);
    }

    @Singleton
    AuthenticateApiKey authenticateApiKey(InMemoryStore store) {
        return new AuthenticateApiKeyService(store);
    }
}
