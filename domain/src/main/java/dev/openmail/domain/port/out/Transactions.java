package dev.openmail.domain.port.out;

import java.util.function.Supplier;

/** Runs a unit of work atomically: all of its writes are kept, or none. */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    /**
     * Runs reads that need no snapshot of their own, such as one page of a list and its total: on one connection, but
     * outside a transaction, so that each statement sees what was committed when it ran and no round trips go to
     * starting and ending a transaction. Inside a transaction, the work joins it. Never for work that writes.
     */
    default <T> T reading(Supplier<T> work) {
        return inTransaction(work);
    }

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
