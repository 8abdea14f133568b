package dev.openmail.adapters.rest.auth;

import dev.openmail.adapters.rest.auth.KeyRateLimiter.Allowance;
import dev.openmail.domain.apikey.ApiKeyId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ApiKeyId flooder = ApiKeyId.generate();
    private final ApiKeyId neighbour = ApiKeyId.generate();

    @Test
    void aKeyMayBurstThenWaitsForItsRate() {
        KeyRateLimiter limiter = new KeyRateLimiter(2, 3, nanos::get);

        for (int i = 0; i < 3; i++) {
            assertTrue(take(limiter, flooder).granted(), "request " + i + " of the burst");
        }
        Allowance refused = take(limiter, flooder);
        assertFalse(refused.granted());
        assertEquals(Duration.ofMillis(500), refused.retryAfter(), "one token comes back every 500 ms at 2 per second");
        assertEquals(1, refused.retryAfterSeconds());

        nanos.addAndGet(Duration.ofMillis(499).toNanos());
        assertFalse(take(limiter, flooder).granted(), "not yet");
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertTrue(take(limiter, flooder).granted(), "a token is back");
    }

    /** What the X-RateLimit headers carry: the burst, what is left of it, and seconds until it is whole again. */
    @Test
    void anAllowanceTellsTheLimitWhatRemainsAndWhenItIsWhole() {
        KeyRateLimiter limiter = new KeyRateLimiter(2, 3, nanos::get);

        assertEquals(new Allowance(true, 3, 2, 1, Duration.ZERO), take(limiter, flooder));
        assertEquals(new Allowance(true, 3, 1, 1, Duration.ZERO), take(limiter, flooder));
        assertEquals(new Allowance(true, 3, 0, 2, Duration.ZERO), take(limiter, flooder));
        Allowance refused = take(limiter, flooder);
        assertEquals(0, refused.remaining());
        assertEquals(2, refused.resetSeconds(), "3 tokens at 2 per second: 1.5 s, rounded up");

        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        assertEquals(new Allowance(true, 3, 2, 1, Duration.ZERO), take(limiter, flooder));
    }

    @Test
    void oneKeysFloodLeavesOtherKeysAlone() {
        KeyRateLimiter limiter = new KeyRateLimiter(1, 2, nanos::get);
        for (int i = 0; i < 50; i++) {
            limiter.acquire(flooder);
        }

        assertFalse(take(limiter, flooder).granted());
        assertTrue(take(limiter, neighbour).granted());
        assertTrue(take(limiter, neighbour).granted());
    }

    @Test
    void aBucketNeverHoldsMoreThanItsBurst() {
        KeyRateLimiter limiter = new KeyRateLimiter(10, 2, nanos::get);
        limiter.acquire(flooder);
        nanos.addAndGet(Duration.ofHours(1).toNanos());

        assertTrue(take(limiter, flooder).granted());
        assertTrue(take(limiter, flooder).granted());
        assertFalse(take(limiter, flooder).granted(), "an hour of quiet buys no more than the burst");
    }

    @Test
    void aRateOfZeroTurnsTheLimitOff() {
        KeyRateLimiter limiter = new KeyRateLimiter(0, 1, nanos::get);
        for (int i = 0; i < 1_000; i++) {
            assertEquals(Optional.empty(), limiter.acquire(flooder));
        }
    }

    @Test
    void nonsenseSettingsStopTheStart() {
        assertThrows(IllegalArgumentException.class, () -> new KeyRateLimiter(-1, 10, nanos::get));
        assertThrows(IllegalArgumentException.class, () -> new KeyRateLimiter(5, 0, nanos::get));
    }

    private static Allowance take(KeyRateLimiter limiter, ApiKeyId key) {
        return limiter.acquire(key).orElseThrow();
    }
}
