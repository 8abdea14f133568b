package dev.openmail.domain.apikey;

import dev.openmail.domain.common.PrefixedId;

public record ApiKeyId(String value) {

    public static final String PREFIX = "key_";

    public ApiKeyId {
        PrefixedId.require(PREFIX, value);
    }

    public static ApiKeyId generate() {
        return new ApiKeyId(PrefixedId.generate(PREFIX));
    }

    public static boolean isWellFormed(String value) {
        return PrefixedId.matches(PREFIX, value);
    }

    /** Reads the id of a key named in a URL path: text that cannot be one is not found. */
    public static ApiKeyId fromPath(String text) {
        return PrefixedId.fromPath(PREFIX, text, ApiKeyId::new, ApiKey::notFound);
    }

    @Override
    public String toString() {
        return value;
    }
}
