package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiKeyId;

import java.time.Instant;

public interface SaveApiKey {

    /** Throws {@link TokenAlreadyRegisteredException} when another key has the same token hash. */
    void insert(ApiKey key);

    /** False when there was no such key. */
    boolean remove(AccountId accountId, ApiKeyId id);

    /** Records that the key authenticated a request at {@code when}; a key revoked meanwhile is left alone. */
    void stampUsage(AccountId accountId, ApiKeyId id, Instant when);
}
