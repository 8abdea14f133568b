package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.ApiKeyId;

/**
 * Tells this process that a key was revoked, once the revocation is committed, so that what it holds open for the
 * key (WebSocket connections) ends at once. Other processes find out by checking the key again.
 */
public interface AnnounceRevokedKeys {

    void revoked(AccountId accountId, ApiKeyId keyId);
}
