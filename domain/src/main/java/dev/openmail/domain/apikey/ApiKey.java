package dev.openmail.domain.apikey;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Label;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** A credential of an account. Only its hash, a visible prefix and its last four characters are kept. */
public final class ApiKey {

    private final ApiKeyId id;
    private final AccountId accountId;
    private final Label name;
    private final TokenHash tokenHash;
    private final String tokenPrefix;
    private final String last4;
    private final Instant createdAt;

    private ApiKey(ApiKeyId id, AccountId accountId, Label name, TokenHash tokenHash, String tokenPrefix, String last4,
                   Instant createdAt) {
        this.id = Objects.requireNonNull(id);
        this.accountId = Objects.requireNonNull(accountId);
        this.name = name;
        this.tokenHash = Objects.requireNonNull(tokenHash);
        this.tokenPrefix = Objects.requireNonNull(tokenPrefix);
        this.last4 = Objects.requireNonNull(last4);
        this.createdAt = Objects.requireNonNull(createdAt).truncatedTo(ChronoUnit.MILLIS);
    }

    /** A new account-wide key for {@code token}. */
    public static ApiKey accountWide(AccountId accountId, Label name, ApiToken token, Instant now) {
        return new ApiKey(ApiKeyId.generate(), accountId, name, token.hash(), token.visiblePrefix(), token.last4(), now);
    }

    /** Rebuilds a key from storage. */
    public static ApiKey reconstitute(ApiKeyId id, AccountId accountId, Label name, TokenHash tokenHash, String tokenPrefix,
                                      String last4, Instant createdAt) {
        return new ApiKey(id, accountId, name, tokenHash, tokenPrefix, last4, createdAt);
    }

    public ApiKeyId id() {
        return id;
    }

    public AccountId accountId() {
        return accountId;
    }

    public Label name() {
        return name;
    }

    public TokenHash tokenHash() {
        return tokenHash;
    }

    public String tokenPrefix() {
        return tokenPrefix;
    }

    public String last4() {
        return last4;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
