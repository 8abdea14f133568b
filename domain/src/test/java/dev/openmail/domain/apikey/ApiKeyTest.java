package dev.openmail.domain.apikey;

import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.pod.PodId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeyTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void anAccountWideKeyKeepsOnlyTheHashAndTheVisibleParts() {
        AccountId account = AccountId.generate();
        ApiToken token = ApiToken.generate();

        ApiKey key = ApiKey.accountWide(account, new Label("ci"), token, NOW);

        assertTrue(key.id().value().startsWith("key_"));
        assertEquals(account, key.accountId());
        assertEquals(new Label("ci"), key.name());
        assertEquals(token.hash(), key.tokenHash());
        assertEquals(token.visiblePrefix(), key.tokenPrefix());
        assertEquals(token.last4(), key.last4());
        assertEquals(NOW, key.createdAt());
        assertNotEquals(key.id(), ApiKey.accountWide(account, null, token, NOW).id());
    }

    @Test
    void aScopedKeyKeepsItsScopeAndHasNotBeenUsed() {
        PodId pod = PodId.generate();
        KeyScope scope = KeyScope.inbox(pod, InboxId.generate());

        ApiKey key = ApiKey.issue(AccountId.generate(), scope, null, ApiToken.generate(), NOW);

        assertEquals(scope, key.scope());
        assertNull(key.name());
        assertNull(key.lastUsedAt());
        assertEquals(KeyScope.ACCOUNT_WIDE, ApiKey.accountWide(AccountId.generate(), null, ApiToken.generate(), NOW).scope());
    }

    @Test
    void timesAreKeptToTheMillisecondAsTheDatabaseKeepsThem() {
        ApiKey key = used(NOW.plusNanos(123_456_789));

        assertEquals(NOW.plusMillis(123), key.lastUsedAt());
    }

    // ---- usage stamps

    @Test
    void aKeyNeverUsedNeedsAStamp() {
        ApiKey key = ApiKey.accountWide(AccountId.generate(), null, ApiToken.generate(), NOW);

        assertTrue(key.needsUsageStamp(NOW));
    }

    @Test
    void aKeyUsedLessThanAMinuteAgoNeedsNoStamp() {
        ApiKey key = used(NOW);

        assertFalse(key.needsUsageStamp(NOW));
        assertFalse(key.needsUsageStamp(NOW.plusSeconds(30)));
        assertFalse(key.needsUsageStamp(NOW.plus(Duration.ofMinutes(1)).minusMillis(1)));
    }

    @Test
    void aKeyUsedExactlyAMinuteAgoNeedsAStamp() {
        assertTrue(used(NOW).needsUsageStamp(NOW.plus(Duration.ofMinutes(1))));
    }

    @Test
    void aKeyUsedLongerAgoNeedsAStamp() {
        assertTrue(used(NOW).needsUsageStamp(NOW.plus(Duration.ofMinutes(1)).plusMillis(1)));
        assertTrue(used(NOW).needsUsageStamp(NOW.plus(Duration.ofDays(30))));
    }

    @Test
    void aClockThatWentBackNeedsNoStamp() {
        // Stamps never move backwards in storage; writing one would be wasted.
        assertFalse(used(NOW).needsUsageStamp(NOW.minusSeconds(5)));
    }

    // ---- limit

    @Test
    void nineteenKeysLeaveRoomForATwentieth() {
        for (KeyScope scope : scopes()) {
            assertDoesNotThrow(() -> ApiKey.ensureRoomForAnother(scope, 0));
            assertDoesNotThrow(() -> ApiKey.ensureRoomForAnother(scope, ApiKey.MAX_ACTIVE_PER_HOLDER - 1));
        }
        assertEquals(20, ApiKey.MAX_ACTIVE_PER_HOLDER);
    }

    @Test
    void twentyKeysLeaveNoRoom() {
        for (KeyScope scope : scopes()) {
            assertThrows(ApiKeyLimitReachedException.class, () -> ApiKey.ensureRoomForAnother(scope, 20), scope::toString);
            assertThrows(ApiKeyLimitReachedException.class, () -> ApiKey.ensureRoomForAnother(scope, 21), scope::toString);
        }
    }

    @Test
    void theLimitMessageNamesTheHolder() {
        PodId pod = PodId.generate();
        InboxId inbox = InboxId.generate();

        String account = limitMessage(KeyScope.ACCOUNT_WIDE);
        String ofPod = limitMessage(KeyScope.pod(pod));
        String ofInbox = limitMessage(KeyScope.inbox(pod, inbox));

        assertTrue(account.contains("account already has 20 account-wide keys"), account);
        assertTrue(ofPod.startsWith("Pod " + pod.value() + " already has 20 active keys"), ofPod);
        assertTrue(ofInbox.startsWith("Inbox " + inbox.value() + " already has 20 active keys"), ofInbox);
        assertTrue(ofInbox.contains("revoke one"), ofInbox);
    }

    // ---- matching

    @Test
    void aKeyMatchesItsOwnTokenOnly() {
        ApiToken token = ApiToken.generate();
        ApiKey key = ApiKey.accountWide(AccountId.generate(), null, token, NOW);

        assertTrue(key.matches(token.hash()));
        assertTrue(key.matches(ApiToken.of(token.reveal()).hash()));
        assertFalse(key.matches(ApiToken.generate().hash()));
        assertFalse(key.matches(new TokenHash("0".repeat(64))));
    }

    @Test
    void hashesDifferingOnlyInTheLastDigitDoNotMatch() {
        TokenHash hash = new TokenHash("ab".repeat(32));

        assertTrue(hash.sameAs(new TokenHash("ab".repeat(32))));
        assertFalse(hash.sameAs(new TokenHash("ab".repeat(31) + "ac")));
        assertFalse(hash.sameAs(new TokenHash("bb" + "ab".repeat(31))));
    }

    private static ApiKey used(Instant lastUsedAt) {
        ApiToken token = ApiToken.generate();
        return ApiKey.reconstitute(ApiKeyId.generate(), AccountId.generate(), KeyScope.ACCOUNT_WIDE, null, token.hash(),
                token.visiblePrefix(), token.last4(), NOW.minus(Duration.ofDays(1)), lastUsedAt);
    }

    private static List<KeyScope> scopes() {
        PodId pod = PodId.generate();
        return List.of(KeyScope.ACCOUNT_WIDE, KeyScope.pod(pod), KeyScope.inbox(pod, InboxId.generate()));
    }

    private static String limitMessage(KeyScope scope) {
        return assertThrows(ApiKeyLimitReachedException.class, () -> ApiKey.ensureRoomForAnother(scope, 20)).getMessage();
    }
}
