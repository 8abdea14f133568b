package dev.openmail.adapters.persistence.repository;

import dev.openmail.adapters.persistence.SqlErrors;
import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.TokenHash;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.port.out.LoadApiKeys;
import dev.openmail.domain.port.out.SaveApiKey;
import dev.openmail.domain.port.out.TokenAlreadyRegisteredException;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@Singleton
final class JdbcApiKeyStore implements LoadApiKeys, SaveApiKey {

    private final ApiKeyRepository keys;

    JdbcApiKeyStore(ApiKeyRepository keys) {
        this.keys = keys;
    }

    @Override
    public Optional<ApiKey> findByTokenHash(TokenHash hash) {
        return keys.findByTokenHash(hash.hex()).map(RowMapping::toModel);
    }

    @Override
    public Optional<ApiKey> find(AccountId accountId, ApiKeyId id) {
        return keys.findById(accountId.value(), id.value()).map(RowMapping::toModel);
    }

    @Override
    public Page<ApiKey> listByScope(AccountId accountId, KeyScope scope, PageRequest page) {
        String account = accountId.value();
        List<ApiKeyRow> rows;
        if (scope.inboxOrNull() != null) {
            rows = keys.listOfInbox(account, scope.podOrNull().value(), scope.inboxOrNull().value(), page.limit(),
                    page.offset());
        } else if (scope.podOrNull() != null) {
            rows = keys.listOfPod(account, scope.podOrNull().value(), page.limit(), page.offset());
        } else {
            rows = keys.listAccountWide(account, page.limit(), page.offset());
        }
        return new Page<>(rows.stream().map(RowMapping::toModel).toList(), countByScope(accountId, scope));
    }

    @Override
    public int countByScope(AccountId accountId, KeyScope scope) {
        String account = accountId.value();
        if (scope.inboxOrNull() != null) {
            return keys.countOfInbox(account, scope.podOrNull().value(), scope.inboxOrNull().value());
        }
        if (scope.podOrNull() != null) {
            return keys.countOfPod(account, scope.podOrNull().value());
        }
        return keys.countAccountWide(account);
    }

    @Override
    public boolean remove(AccountId accountId, ApiKeyId id) {
        return keys.deleteRow(accountId.value(), id.value()) > 0;
    }

    @Override
    public void stampUsage(AccountId accountId, ApiKeyId id, Instant when) {
        keys.stampUsage(accountId.value(), id.value(), when.toEpochMilli());
    }

    @Override
    public void insert(ApiKey key) {
        try {
            keys.save(RowMapping.toRow(key));
        } catch (DataAccessException e) {
            if (SqlErrors.violated(e, "uq_api_keys_token_hash")) {
                throw new TokenAlreadyRegisteredException();
            }
            throw e;
        }
    }
}
