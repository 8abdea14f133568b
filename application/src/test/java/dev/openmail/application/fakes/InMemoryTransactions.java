package dev.openmail.application.fakes;

import dev.openmail.domain.port.out.Transactions;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Transactions over an {@link InMemoryStore}: the store's rows are copied before the work and put back if the work
 * throws, so a rollback is observable; the exception is then re-thrown unchanged. Units of work run one at a time, and
 * a nested call joins the outer unit, as a joined database transaction does.
 */
public final class InMemoryTransactions implements Transactions {

    private final InMemoryStore store;

    public InMemoryTransactions(InMemoryStore store) {
        this.store = Objects.requireNonNull(store);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return store.atomically(work);
    }
}
