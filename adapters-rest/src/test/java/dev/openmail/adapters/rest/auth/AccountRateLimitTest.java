package dev.openmail.adapters.rest.auth;

import dev.openmail.adapters.rest.auth.KeyRateLimiter.Allowance;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.access.KeyScope;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An account's keys share one allowance besides their own. */
class AccountRateLimitTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AccountId tenant = AccountId.generate();

    private Caller key(AccountId account) {
        return new Caller(account, ApiKeyId.generate(), KeyScope.ACCOUNT_WIDE);
    }

    @Test
    void manyKeysOfOneAccountShareTheAccountsBudget() {
        KeyRateLimiter limiter = new KeyRateLimiter(1, 5, 1, 20, nanos::get);
        List<Caller> keys = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            keys.add(key(tenant));
        }

        int granted = 0;
        Allowance lastRefusal = null;
        for (Caller caller : keys) {
            Allowance allowance = limiter.acquire(caller).orElseThrow();
            if (allowance.granted()) {
                granted++;
            } else {
                lastRefusal = allowance;
            }
        }

        assertEquals(20, granted, "500 keys, each with a burst of 5, still share the account's burst of 20");
        assertEquals(20, lastRefusal.limit(), "a refusal by the account tells the account's allowance");
        assertEquals(Duration.ofSeconds(1), lastRefusal.retryAfter());
        assertTrue(limiter.acquire(key(AccountId.generate())).orElseThrow().granted(), "another account is served");
    }

    @Test
    void aRefusalByTheAccountGivesTheKeysTokenBack() {
        KeyRateLimiter limiter = new KeyRateLimiter(1, 3, 1, 2, nanos::get);
        Caller first = key(tenant);
        Caller second = key(tenant);
        assertTrue(limiter.acquire(first).orElseThrow().granted());
        assertTrue(limiter.acquire(first).orElseThrow().granted());
        assertFalse(limiter.acquire(second).orElseThrow().granted(), "the account's 2 are used up");

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        for (int i = 0; i < 2; i++) {
            assertTrue(limiter.acquire(second).orElseThrow().granted(),
                    "the second key's own burst was not spent by the refusal: " + i);
        }
    }

    @Test
    void theHeadersTellTheTighterOfTheTwo() {
        KeyRateLimiter limiter = new KeyRateLimiter(1, 10, 1, 3, nanos::get);
        Allowance allowance = limiter.acquire(key(tenant)).orElseThrow();
        assertEquals(3, allowance.limit());
        assertEquals(2, allowance.remaining());
    }

    @Test
    void theAccountDefaultIsFourTimesTheKeys() {
        KeyRateLimiter limiter = new KeyRateLimiter(2, 5, -1, -1);
        int granted = 0;
        for (int i = 0; i < 100; i++) {
            if (limiter.acquire(key(tenant)).orElseThrow().granted()) {
                granted++;
            }
        }
        // on the real clock a token may come back meanwhile (8 a second)
        assertTrue(granted >= 20 && granted <= 22, "an account burst of 4 x 5: " + granted);
    }
}
