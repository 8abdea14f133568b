package dev.openmail.application.account;

import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiToken;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.UnauthorizedException;
import dev.openmail.domain.port.in.AuthenticateApiKey;
import dev.openmail.domain.port.out.LoadApiKeys;

public final class AuthenticateApiKeyService implements AuthenticateApiKey {

    private final LoadApiKeys loadApiKeys;

    public AuthenticateApiKeyService(LoadApiKeys loadApiKeys) {
        this.loadApiKeys = loadApiKeys;
    }

    @Override
    public Caller authenticate(String bearerToken) {
        if (!ApiToken.isWellFormed(bearerToken)) {
            throw new UnauthorizedException("The API key is malformed; API keys are '" + ApiToken.PREFIX
                    + "' followed by letters, digits, - and _.");
        }
        ApiKey key = loadApiKeys.findByTokenHash(ApiToken.of(bearerToken).hash())
                .orElseThrow(() -> new UnauthorizedException("The API key is unknown or has been revoked."));
        return new Caller(key.accountId(), key.id());
    }
}
