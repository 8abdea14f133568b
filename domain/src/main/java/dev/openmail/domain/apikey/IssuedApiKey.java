package dev.openmail.domain.apikey;

/** A key at the one moment its token is known: right after it was made. */
public record IssuedApiKey(ApiKey key, ApiToken token) {
}
