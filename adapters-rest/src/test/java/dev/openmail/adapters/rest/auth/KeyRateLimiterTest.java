package dev.openmail.adapters.rest.auth;

import dev.openmail.domain.apikey.ApiKeyId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
            assertEquals(Optional.empty(), limiter.acquire(flooder), "request " + i + " of the burst");
        }
        Optional<Duration> wait = limiter.acquire(flooder);
        assertTrue(wait.isPresent());
        assertEquals(Duration.ofMillis(500), wait.get(), "one token comes back every 500 ms at 2 per second");

        nanos.addAndGet(Duration.ofMillis(499).toNanos());
        assertTrue(limiter.acquire(flooder).isPresent(), "not yet");
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertEquals(Optional.empty(), limiter.acquire(flooder), "a token is back");
    }

    @Test
    void oneKeysFloodLeavesOtherKeysAlone() {
        KeyRateLimiter limiter = new KeyRateLimiter(1, 2, nanos::get);
        for (int i = 0; i < 50; i++) {
            limiter.acquire(flooder);
        }

        assertTrue(limiter.acquire(flooder).isPresent());
        assertEquals(Optional.empty(), limiter.acquire(neighbour));
        assertEquals(Optional.empty(), limiter.acquire(neighbour));
    }

    @Test
    void aBucketNeverHoldsMoreThanItsBurst() {
        KeyRateLimiter limiter = new KeyRateLimiter(10, 2, nanos::get);
        limiter.acquire(flooder);
        nanos.addAndGet(Duration.ofHours(1).toNanos());

        assertEquals(Optional.empty(), limiter.acquire(flooder));
        assertEquals(Optional.empty(), limiter.acquire(flooder));
        assertTrue(limiter.acquire(flooder).isPresent(), "an hour of quiet buys no more than the burst");
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
}
