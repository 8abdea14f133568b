package dev.openmail.adapters.rest.auth;

import dev.openmail.domain.apikey.ApiKeyId;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per API key, so that one tenant's flood cannot starve the others: each key may make {@code burst}
 * requests at once and {@code requestsPerSecond} on average. A rate of 0 turns the limit off.
 */
@Singleton
final class KeyRateLimiter {

    /** Above this many buckets, full ones are dropped: a full bucket behaves exactly like a missing one. */
    private static final int SWEEP_ABOVE = 10_000;

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<ApiKeyId, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    KeyRateLimiter(@Value("${openmail.rate-limit.requests-per-second:50}") double requestsPerSecond,
                   @Value("${openmail.rate-limit.burst:500}") int burst) {
        this(requestsPerSecond, burst, System::nanoTime);
    }

    KeyRateLimiter(double requestsPerSecond, int burst, LongSupplier nanoTime) {
        if (requestsPerSecond < 0 || burst < 1) {
            throw new IllegalArgumentException("openmail.rate-limit: requests-per-second must be 0 or more and burst 1 or more");
        }
        this.perNano = requestsPerSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** Empty when the key may go ahead now; otherwise how long until it may. */
    Optional<Duration> acquire(ApiKeyId key) {
        if (perNano == 0) {
            return Optional.empty();
        }
        long now = nanoTime.getAsLong();
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        return buckets.computeIfAbsent(key, ignored -> new Bucket(now)).take(now);
    }

    private final class Bucket {

        private double tokens = burst;
        private long updated;

        Bucket(long now) {
            this.updated = now;
        }

        synchronized Optional<Duration> take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano)));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - updated) * perNano);
            updated = now;
        }
    }
}
