package dev.openmail.domain.access;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Failed authentications per client address, the one rule for every way in (API keys, the admin token, the
 * console's sign-in): an address may fail {@code perMinute} times at once, and that many a minute after; beyond it,
 * the address must wait until it may fail again. 0 turns the rule off.
 *
 * <p>Counted in this process; addresses whose allowance is whole again are forgotten when the table grows past 10,000.
 */
public final class FailedAuthentications {

    private static final int SWEEP_ABOVE = 10_000;
    private static final double MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final int perMinute;
    private final LongSupplier nanoTime;
    private final Map<InetAddress, Failures> addresses = new ConcurrentHashMap<>();

    public FailedAuthentications(int perMinute, LongSupplier nanoTime) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("failed authentications per minute must be 0 or more, was " + perMinute);
        }
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
    }

    /** How long the address must wait before it may try again; empty when it may try now. */
    public Optional<Duration> blocked(InetAddress address) {
        if (perMinute == 0 || address == null) {
            return Optional.empty();
        }
        Failures failures = addresses.get(address);
        return failures == null ? Optional.empty() : failures.wait(perMinute, nanoTime.getAsLong());
    }

    /** Counts one failed authentication from the address. */
    public void failed(InetAddress address) {
        if (perMinute == 0 || address == null) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (addresses.size() > SWEEP_ABOVE) {
            addresses.values().removeIf(failures -> failures.isWhole(perMinute, now));
        }
        addresses.computeIfAbsent(address, ignored -> new Failures(perMinute, now)).take(perMinute, now);
    }

    /** Whole seconds to wait, at least one: what a Retry-After header or a page says. */
    public static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private static final class Failures {
        private double tokens;
        private long updated;

        Failures(int max, long now) {
            this.tokens = max;
            this.updated = now;
        }

        synchronized void take(int max, long now) {
            refill(max, now);
            tokens = Math.max(0, tokens - 1);
        }

        synchronized Optional<Duration> wait(int max, long now) {
            refill(max, now);
            if (tokens >= 1) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) * MINUTE_NANOS / max)));
        }

        synchronized boolean isWhole(int max, long now) {
            refill(max, now);
            return tokens >= max;
        }

        private void refill(int max, long now) {
            tokens = Math.min(max, tokens + (now - updated) * max / MINUTE_NANOS);
            updated = now;
        }
    }
}
