package dev.openmail.domain.apikey;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Label;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
}
