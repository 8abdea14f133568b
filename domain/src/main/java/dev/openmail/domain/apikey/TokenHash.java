package dev.openmail.domain.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The SHA-256 of a token, in lower-case hex: the only form in which a token is stored. */
public record TokenHash(String hex) {

    public TokenHash {
        if (hex == null || !hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a token hash is 64 lower-case hex digits");
        }
    }

    /** Equality in constant time, so that timing tells nothing about how much of a hash matched. */
    public boolean sameAs(TokenHash other) {
        return MessageDigest.isEqual(hex.getBytes(StandardCharsets.US_ASCII), other.hex.getBytes(StandardCharsets.US_ASCII));
    }
}
