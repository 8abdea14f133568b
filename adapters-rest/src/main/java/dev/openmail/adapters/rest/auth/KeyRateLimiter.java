package dev.openmail.adapters.rest.auth;

import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.account.AccountId;
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
 *
 * <p>Every account has a bucket of its own as well, shared by all its keys, so that a tenant with 500 keys does not get
 * 500 allowances: by default four times a key's rate and burst. A request must find a token in both; one refused by
 * the account's bucket gives its key's token back.
 *
 * <p>The buckets live in this process: with several server processes behind one database, each grants a key its own
 * allowance. The limit guards the server against floods; it decides nothing that must agree across processes.
 */
@Singleton
final class KeyRateLimiter {

    /** Above this many buckets, full ones are dropped: a full bucket behaves exactly like a missing one. */
    private static final int SWEEP_ABOVE = 10_000;

    private final double perSecond;
    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<ApiKeyId, Bucket> buckets = new ConcurrentHashMap<>();
    /** Null when accounts are not limited. */
    private final KeyRateLimiter accounts;
    private final Map<AccountId, Bucket> accountBuckets = new ConcurrentHashMap<>();

    /** An account's default allowance, as a multiple of a key's. */
    static final int ACCOUNT_MULTIPLE = 4;

    @Inject
    KeyRateLimiter(@Value("${openmail.rate-limit.requests-per-second:50}") double requestsPerSecond,
                   @Value("${openmail.rate-limit.burst:500}") int burst,
                   @Value("${openmail.rate-limit.account-requests-per-second:-1}") double accountPerSecond,
                   @Value("${openmail.rate-limit.account-burst:-1}") int accountBurst) {
        this(requestsPerSecond, burst,
                accountPerSecond < 0 ? requestsPerSecond * ACCOUNT_MULTIPLE : accountPerSecond,
                accountBurst < 0 ? burst * ACCOUNT_MULTIPLE : accountBurst, System::nanoTime);
    }

    /** Keys limited, accounts not. */
    KeyRateLimiter(double requestsPerSecond, int burst, LongSupplier nanoTime) {
        this(requestsPerSecond, burst, 0, 1, nanoTime);
    }

    KeyRateLimiter(double requestsPerSecond, int burst, double accountPerSecond, int accountBurst,
                   LongSupplier nanoTime) {
        if (requestsPerSecond < 0 || burst < 1) {
            throw new IllegalArgumentException("openmail.rate-limit: requests-per-second must be 0 or more and burst 1 or more");
        }
        if (accountPerSecond < 0 || accountBurst < 1) {
            throw new IllegalArgumentException(
                    "openmail.rate-limit: account-requests-per-second must be 0 or more and account-burst 1 or more");
        }
        this.perSecond = requestsPerSecond;
        this.perNano = requestsPerSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.accounts = accountPerSecond == 0 ? null : new KeyRateLimiter(accountPerSecond, accountBurst, nanoTime);
    }

    /**
     * Takes one request from the allowance of the caller's key and that of its account. Empty when neither is limited;
     * otherwise the refusing allowance, or the granted one with less left.
     */
    Optional<Allowance> acquire(Caller caller) {
        Optional<Allowance> key = acquire(caller.keyId());
        if (accounts == null || (key.isPresent() && !key.get().granted())) {
            return key;
        }
        Allowance account = accounts.take(accountBuckets, caller.accountId());
        if (!account.granted()) {
            key.ifPresent(ignored -> buckets.get(caller.keyId()).giveBack());
            return Optional.of(account);
        }
        return key.isPresent() && key.get().remaining() <= account.remaining() ? key : Optional.of(account);
    }

    /**
     * Takes one request from the key's allowance. Empty when the limit is off; otherwise whether the request may go
     * ahead, with what the rate-limit headers tell the client.
     */
    Optional<Allowance> acquire(ApiKeyId key) {
        if (perNano == 0) {
            return Optional.empty();
        }
        return Optional.of(take(buckets, key));
    }

    private <K> Allowance take(Map<K, Bucket> table, K key) {
        long now = nanoTime.getAsLong();
        if (table.size() > SWEEP_ABOVE) {
            table.values().removeIf(bucket -> bucket.isFull(now));
        }
        return table.computeIfAbsent(key, ignored -> new Bucket(now)).take(now);
    }

    /**
     * One request's share of its key's allowance.
     *
     * @param limit        the requests a key may make at once (the burst)
     * @param remaining    the requests it may still make at once after this one
     * @param resetSeconds seconds until the whole burst is available again
     * @param retryAfter   for a refused request, how long until one more is allowed; zero for a granted one
     */
    record Allowance(boolean granted, int limit, int remaining, long resetSeconds, Duration retryAfter) {

        /** Retry-After in whole seconds, at least one. */
        long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    private final class Bucket {

        private double tokens = burst;
        private long updated;

        Bucket(long now) {
            this.updated = now;
        }

        synchronized Allowance take(long now) {
            refill(now);
            boolean granted = tokens >= 1;
            Duration wait = Duration.ZERO;
            if (granted) {
                tokens -= 1;
            } else {
                wait = Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
            }
            long untilFull = (long) Math.ceil((burst - tokens) / perSecond);
            return new Allowance(granted, (int) burst, (int) Math.floor(tokens), untilFull, wait);
        }

        synchronized void giveBack() {
            tokens = Math.min(burst, tokens + 1);
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
