package dev.openmail.application.pod;

import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.application.fakes.InMemoryTransactions;
import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.Pod;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** A store with accounts in it, and the clock the use cases under test read. */
final class PodFixture {

    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final InMemoryStore store;
    final InMemoryTransactions transactions;

    PodFixture() {
        this(new InMemoryStore());
    }

    PodFixture(InMemoryStore store) {
        this.store = store;
        this.transactions = new InMemoryTransactions(store);
    }

    /** An account as OpenAccount leaves it: with its default pod. */
    AccountId account() {
        Account account = Account.open(null, new InboxLimit(10), NOW.minusSeconds(3600));
        store.insert(account);
        store.insert(Pod.createDefault(account.id(), account.createdAt()));
        return account.id();
    }

    Pod pod(AccountId accountId, String clientId, String name) {
        Pod pod = Pod.create(accountId, clientId == null ? null : new ClientId(clientId),
                name == null ? null : new Label(name), NOW.minusSeconds(60));
        store.insert(pod);
        return pod;
    }
}
