package dev.openmail.domain.port.out;

import dev.openmail.domain.apikey.ApiKey;

public interface SaveApiKey {

    /** Throws {@link TokenAlreadyRegisteredException} when another key has the same token hash. */
    void insert(ApiKey key);
}
