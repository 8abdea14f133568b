package dev.openmail.domain.port.out;

import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.TokenHash;

import java.util.Optional;

public interface LoadApiKeys {

    Optional<ApiKey> findByTokenHash(TokenHash hash);
}
