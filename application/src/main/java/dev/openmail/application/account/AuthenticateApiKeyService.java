package dev.openmail.application.account;

import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiToken;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.apikey.TokenHash;
import dev.openmail.domain.common.BusyException;
import dev.openmail.domain.common.DatabaseUnavailableException;
import dev.openmail.domain.common.UnauthorizedException;
import dev.openmail.domain.port.in.AuthenticateApiKey;
import dev.openmail.domain.port.out.LoadApiKeys;
import dev.openmail.domain.port.out.SaveApiKey;
import dev.openmail.domain.port.out.Transactions;

import java.time.Clock;
import java.time.Instant;

/**
 * Finds the key of a request's token by the token's SHA-256 (so how long it takes says nothing about the token), in the
 * keys this process read in the last second ({@link RecentKeys}) or else in storage: a key revoked here fails on the
 * next request, and one revoked on another process within a second.
 */
public final class AuthenticateApiKeyService implements AuthenticateApiKey {

    private final Transactions transactions;
    private final LoadApiKeys loadApiKeys;
    private final SaveApiKey saveApiKey;
    private final RecentKeys recentKeys;
    private final Clock clock;

    public AuthenticateApiKeyService(Transactions transactions, LoadApiKeys loadApiKeys, SaveApiKey saveApiKey,
                                     RecentKeys recentKeys, Clock clock) {
        this.transactions = transactions;
        this.loadApiKeys = loadApiKeys;
        this.saveApiKey = saveApiKey;
        this.recentKeys = recentKeys;
        this.clock = clock;
    }

    @Override
    public Caller authenticate(String bearerToken) {
        if (!ApiToken.isWellFormed(bearerToken)) {
            throw new UnauthorizedException("The API key is malformed; API keys are '" + ApiToken.PREFIX
                    + "' followed by letters, digits, - and _.");
        }
        TokenHash presented = ApiToken.of(bearerToken).hash();
        ApiKey key = recentKeys.find(presented,
                        () -> transactions.reading(() -> loadApiKeys.findByTokenHash(presented))
                                .filter(found -> found.matches(presented)))
                .orElseThrow(() -> new UnauthorizedException("The API key is unknown or has been revoked."));
        Instant now = clock.instant();
        if (key.needsUsageStamp(now)) {
            try {
                transactions.inTransaction(() -> saveApiKey.stampUsage(key.accountId(), key.id(), now));
            } catch (BusyException | DatabaseUnavailableException bookkeeping) {
                // The last-use time is bookkeeping: a stamp that kept losing to parallel ones (on a Galera cluster all
                // of a key's requests stamp the same row at once), or met a database failing over, must not refuse a
                // request whose key was found. A later request stamps it.
                return new Caller(key.accountId(), key.id(), key.scope());
            }
            recentKeys.update(presented, key.usedAt(now));
        }
        return new Caller(key.accountId(), key.id(), key.scope());
    }
}
