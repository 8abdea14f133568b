package dev.openmail.domain.apikey;

import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.common.NotFoundException;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A credential of an account, reaching the whole account or confined to one pod or one inbox. Only its hash, a visible
 * prefix and its last four characters are kept.
 */
public final class ApiKey {

    /** Active keys one pod, one inbox, or one account's account-wide keys may have at once. */
    public static final int MAX_ACTIVE_PER_HOLDER = 20;

    /**
     * How stale {@code lastUsedAt} may get: a key in steady use is stamped at most once per this interval, so that
     * authenticating a request costs no write.
     */
    public static final Duration USAGE_STAMP_INTERVAL = Duration.ofMinutes(1);

    private final ApiKeyId id;
    private final AccountId accountId;
    private final KeyScope scope;
    private final Label name;
    private final TokenHash tokenHash;
    private final String tokenPrefix;
    private final String last4;
    private final Instant createdAt;
    private final Instant lastUsedAt;

    private ApiKey(ApiKeyId id, AccountId accountId, KeyScope scope, Label name, TokenHash tokenHash, String tokenPrefix,
                   String last4, Instant createdAt, Instant lastUsedAt) {
        this.id = Objects.requireNonNull(id);
        this.accountId = Objects.requireNonNull(accountId);
        this.scope = Objects.requireNonNull(scope);
        this.name = name;
        this.tokenHash = Objects.requireNonNull(tokenHash);
        this.tokenPrefix = Objects.requireNonNull(tokenPrefix);
        this.last4 = Objects.requireNonNull(last4);
        this.createdAt = Objects.requireNonNull(createdAt).truncatedTo(ChronoUnit.MILLIS);
        this.lastUsedAt = lastUsedAt == null ? null : lastUsedAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** A new account-wide key for {@code token}. */
    public static ApiKey accountWide(AccountId accountId, Label name, ApiToken token, Instant now) {
        return issue(accountId, KeyScope.ACCOUNT_WIDE, name, token, now);
    }

    /** A new key for {@code token}, reaching as far as {@code scope}. */
    public static ApiKey issue(AccountId accountId, KeyScope scope, Label name, ApiToken token, Instant now) {
        return new ApiKey(ApiKeyId.generate(), accountId, scope, name, token.hash(), token.visiblePrefix(), token.last4(),
                now, null);
    }

    /** Rebuilds a key from storage. */
    public static ApiKey reconstitute(ApiKeyId id, AccountId accountId, KeyScope scope, Label name, TokenHash tokenHash,
                                      String tokenPrefix, String last4, Instant createdAt, Instant lastUsedAt) {
        return new ApiKey(id, accountId, scope, name, tokenHash, tokenPrefix, last4, createdAt, lastUsedAt);
    }

    /** Refuses one more key for a holder that already has {@code activeKeys}. */
    public static void ensureRoomForAnother(KeyScope scope, int activeKeys) {
        if (activeKeys >= MAX_ACTIVE_PER_HOLDER) {
            throw new ApiKeyLimitReachedException(scope, MAX_ACTIVE_PER_HOLDER);
        }
    }

    /** Whether a request at {@code now} should record itself as this key's last use. */
    public boolean needsUsageStamp(Instant now) {
        return lastUsedAt == null || !now.isBefore(lastUsedAt.plus(USAGE_STAMP_INTERVAL));
    }

    /** This key with its last use recorded at {@code now}. */
    public ApiKey usedAt(Instant now) {
        return new ApiKey(id, accountId, scope, name, tokenHash, tokenPrefix, last4, createdAt, now);
    }

    /** Whether {@code presented} is this key's hash, compared in time independent of where the two differ. */
    public boolean matches(TokenHash presented) {
        return tokenHash.sameAs(presented);
    }

    public ApiKeyId id() {
        return id;
    }

    public AccountId accountId() {
        return accountId;
    }

    public KeyScope scope() {
        return scope;
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

    /** Null until the key first authenticates a request. */
    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    /** For text that cannot be a key's id; a well-formed id that names no key says where it was looked for. */
    public static NotFoundException notFound(String idText) {
        return new NotFoundException("No key '" + idText + "'; key ids start with " + ApiKeyId.PREFIX + ".");
    }
}
