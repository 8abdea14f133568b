package dev.openmail.application.account;

import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.application.fakes.InMemoryTransactions;
import dev.openmail.application.fakes.MutableClock;
import dev.openmail.domain.account.InboxLimit;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** The account use cases wired over one in-memory store, with a clock that moves only when a test moves it. */
final class AccountFixture {

    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    static final InboxLimit DEFAULT_LIMIT = new InboxLimit(25);

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryStore store;
    final InMemoryTransactions transactions;
    final OpenAccountService openAccount;
    final AuthenticateApiKeyService authenticate;
    /** The monotonic clock of this process's recent keys, moved by the tests. */
    final AtomicLong nanos = new AtomicLong();

    AccountFixture() {
        this(new InMemoryStore());
    }

    AccountFixture(InMemoryStore store) {
        this.store = store;
        this.transactions = new InMemoryTransactions(store);
        this.openAccount = new OpenAccountService(transactions, store, store, store, DEFAULT_LIMIT, clock);
        this.authenticate = new AuthenticateApiKeyService(transactions, store, store, new RecentKeys(nanos::get), clock);
    }
}
