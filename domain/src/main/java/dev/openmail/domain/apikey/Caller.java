package dev.openmail.domain.apikey;

import dev.openmail.domain.account.AccountId;

/** Who is making an API request: the account, through which key. */
public record Caller(AccountId accountId, ApiKeyId keyId) {
}
