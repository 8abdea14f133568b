package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.apikey.KeyHolder;

public interface RevokeApiKey {

    /** Deletes the holder's key; the next request with its token is refused. A key of another holder is not found. */
    void revoke(Caller caller, KeyHolder holder, ApiKeyId keyId);
}
