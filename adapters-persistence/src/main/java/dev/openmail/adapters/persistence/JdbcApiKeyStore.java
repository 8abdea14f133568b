package dev.openmail.adapters.persistence;

import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.TokenHash;
import dev.openmail.domain.port.out.LoadApiKeys;
import dev.openmail.domain.port.out.SaveApiKey;
import dev.openmail.domain.port.out.TokenAlreadyRegisteredException;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

import java.util.Optional;

@Singleton
final class JdbcApiKeyStore implements LoadApiKeys, SaveApiKey {

    private final ApiKeyRepository keys;

    JdbcApiKeyStore(ApiKeyRepository keys) {
        this.keys = keys;
    }

    @Override
    public Optional<ApiKey> findByTokenHash(TokenHash hash) {
        return keys.findByTokenHash(hash.hex()).map(Rows::toModel);
    }

    @Override
    public void insert(ApiKey key) {
        try {
            keys.save(Rows.toRow(key));
        } catch (DataAccessException e) {
            if (SqlErrors.violated(e, "uq_api_keys_token_hash")) {
                throw new TokenAlreadyRegisteredException();
            }
            throw e;
        }
    }
}
