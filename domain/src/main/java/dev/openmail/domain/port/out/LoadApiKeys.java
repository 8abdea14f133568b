package dev.openmail.domain.port.out;

import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.TokenHash;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;

import java.util.Optional;

public interface LoadApiKeys {

    Optional<ApiKey> findByTokenHash(TokenHash hash);

    Optional<ApiKey> find(AccountId accountId, ApiKeyId id);

    /**
     * The keys whose scope is exactly {@code scope}, oldest first, id as tie-break: account-wide keys, one pod's pod
     * keys (not its inboxes' keys), or one inbox's keys.
     */
    Page<ApiKey> listByScope(AccountId accountId, KeyScope scope, PageRequest page);

    /** How many keys have exactly {@code scope}. */
    int countByScope(AccountId accountId, KeyScope scope);
}
