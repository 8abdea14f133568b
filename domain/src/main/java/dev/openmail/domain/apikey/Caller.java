package dev.openmail.domain.apikey;

import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.account.AccountId;

import java.util.Objects;

/** Who is making an API request: the account, through which key, reaching how far. */
public record Caller(AccountId accountId, ApiKeyId keyId, KeyScope scope) {

    public Caller {
        Objects.requireNonNull(accountId);
        Objects.requireNonNull(keyId);
        Objects.requireNonNull(scope);
    }
}
