package dev.openmail.application.account;

import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiToken;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.apikey.TokenHash;
import dev.openmail.domain.common.UnauthorizedException;
import dev.openmail.domain.port.in.AuthenticateApiKey;
import dev.openmail.domain.port.out.LoadApiKeys;
import dev.openmail.domain.port.out.SaveApiKey;

import java.time.Clock;
import java.time.Instant;

/**
 * Looks every request's key up in storage, with no cache in between: a revoked key fails on the very next request. The
 * lookup is by the token's SHA-256, so how long it takes says nothing about the token.
 */
public final class AuthenticateApiKeyService implements AuthenticateApiKey {

    private final LoadApiKeys loadApiKeys;
    private final SaveApiKey saveApiKey;
    private final Clock clock;

    public AuthenticateApiKeyService(LoadApiKeys loadApiKeys, SaveApiKey saveApiKey, Clock clock) {
        this.loadApiKeys = loadApiKeys;
        this.saveApiKey = saveApiKey;
        this.clock = clock;
    }

    @Override
    public Caller authenticate(String bearerToken) {
        if (!ApiToken.isWellFormed(bearerToken)) {
            throw new UnauthorizedException("The API key is malformed; API keys are '" + ApiToken.PREFIX
                    + "' followed by letters, digits, - and _.");
        }
        TokenHash presented = ApiToken.of(bearerToken).hash();
        ApiKey key = loadApiKeys.findByTokenHash(presented).filter(found -> found.matches(presented))
                .orElseThrow(() -> new UnauthorizedException("The API key is unknown or has been revoked."));
        Instant now = clock.instant();
        if (key.needsUsageStamp(now)) {
            saveApiKey.stampUsage(key.accountId(), key.id(), now);
        }
        return new Caller(key.accountId(), key.id(), key.scope());
    }
}
