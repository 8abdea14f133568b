package dev.openmail.adapters.smtpin;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting for a condition the listener reaches on its own schedule: looked at again every 20 ms until a deadline. */
final class Eventually {

    private static final long POLL_NANOS = Duration.ofMillis(20).toNanos();

    private Eventually() {
    }

    /** True as soon as {@code condition} holds; false when it still does not at {@code deadline}. */
    static boolean holds(BooleanSupplier condition, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return condition.getAsBoolean();
    }
}
