package dev.openmail.domain.apikey;

/** The SHA-256 of a token, in lower-case hex: the only form in which a token is stored. */
public record TokenHash(String hex) {

    public TokenHash {
        if (hex == null || !hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a token hash is 64 lower-case hex digits");
        }
    }
}
