package dev.openmail.application.account;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiToken;
import dev.openmail.domain.apikey.TokenHash;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentKeysTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final RecentKeys recent = new RecentKeys(nanos::get);
    private final ApiToken token = ApiToken.generate();
    private final TokenHash hash = token.hash();
    private final ApiKey key = ApiKey.accountWide(AccountId.generate(), null, token, NOW);
    private final AtomicInteger lookups = new AtomicInteger();
    private final Supplier<Optional<ApiKey>> storage = () -> {
        lookups.incrementAndGet();
        return Optional.of(key);
    };

    @Test
    void aKeyReadLessThanASecondAgoIsNotReadAgain() {
        recent.find(hash, storage);
        nanos.addAndGet(RecentKeys.TTL.toNanos() - 1);

        assertSame(key, recent.find(hash, storage).orElseThrow());
        assertEquals(1, lookups.get());
    }

    @Test
    void aKeyIsReadAgainOnceASecondHasPassedSinceTheLookupBegan() {
        recent.find(hash, () -> {
            nanos.addAndGet(RecentKeys.TTL.toNanos());   // a lookup that took the whole second
            return storage.get();
        });

        recent.find(hash, storage);

        assertEquals(2, lookups.get());
    }

    @Test
    void forgettingMakesTheNextRequestReadStorage() {
        recent.find(hash, storage);

        recent.forgetAll();

        assertEquals(Optional.empty(), recent.find(hash, Optional::empty));
        assertEquals(Optional.empty(), recent.find(hash, Optional::empty));
    }

    @Test
    void whatALookupUnderWayWhenKeysAreForgottenReadIsNeverServed() {
        recent.find(hash, () -> {
            Optional<ApiKey> readBeforeTheRevocationCommitted = storage.get();
            recent.forgetAll();
            return readBeforeTheRevocationCommitted;
        });

        recent.find(hash, storage);

        assertEquals(2, lookups.get());
    }

    @Test
    void anUnknownTokenIsLookedUpEveryTime() {
        AtomicInteger misses = new AtomicInteger();
        Supplier<Optional<ApiKey>> nothing = () -> {
            misses.incrementAndGet();
            return Optional.empty();
        };

        recent.find(hash, nothing);
        recent.find(hash, nothing);

        assertEquals(2, misses.get());
    }

    @Test
    void aStampedKeyReplacesTheRememberedOneWithoutExtendingItsSecond() {
        recent.find(hash, storage);
        ApiKey stamped = key.usedAt(NOW.plusSeconds(1));

        recent.update(hash, stamped);

        assertSame(stamped, recent.find(hash, storage).orElseThrow());
        nanos.addAndGet(RecentKeys.TTL.toNanos());
        assertSame(key, recent.find(hash, storage).orElseThrow());
        assertEquals(2, lookups.get());
    }

    @Test
    void theNumberOfRememberedKeysIsBounded() {
        for (int i = 0; i < RecentKeys.MAX_ENTRIES + 5; i++) {
            ApiToken other = ApiToken.generate();
            recent.find(other.hash(), () -> Optional.of(ApiKey.accountWide(key.accountId(), null, other, NOW)));
        }

        assertTrue(recent.size() <= RecentKeys.MAX_ENTRIES, "remembered: " + recent.size());
    }
}
