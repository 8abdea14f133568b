package dev.openmail.bootstrap.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Waiting for a condition the server reaches on its own schedule: looked at again every 50 ms until a deadline. */
public final class Eventually {

    private static final long POLL_NANOS = Duration.ofMillis(50).toNanos();

    private Eventually() {
    }

    /** True as soon as {@code condition} holds; false when it still does not at {@code deadline}. */
    public static boolean holds(Supplier<Boolean> condition, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (condition.get()) {
                return true;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return condition.get();
    }
}
