package dev.openmail.domain.port.out;

import java.util.function.Supplier;

/** Runs a unit of work atomically: all of its writes are kept, or none. */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
