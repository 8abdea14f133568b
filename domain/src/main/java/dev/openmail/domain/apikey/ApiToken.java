package dev.openmail.domain.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret a client presents as {@code Authorization: Bearer om_...}. Tokens made here carry 256 random bits, so a
 * plain SHA-256 is a sufficient stored form: there is no dictionary to attack. A token an operator chooses
 * ({@code OPENMAIL_BOOTSTRAP_API_KEY}) is only as strong as the operator made it; at least 16 characters are required.
 */
public final class ApiToken {

    public static final String PREFIX = "om_";
    static final int MIN_LENGTH = PREFIX.length() + 16;
    static final int MAX_LENGTH = 200;
    private static final int VISIBLE_PREFIX_LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private ApiToken(String value) {
        this.value = value;
    }

    public static ApiToken generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new ApiToken(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * Accepts a token from outside (a request header, the bootstrap variable). The shape is checked so that garbage is
     * turned away before any hashing or lookup.
     */
    public static boolean isWellFormed(String candidate) {
        if (candidate == null || !candidate.startsWith(PREFIX)
                || candidate.length() < MIN_LENGTH || candidate.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = PREFIX.length(); i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    public static ApiToken of(String value) {
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("an API token is '" + PREFIX + "' followed by " + (MIN_LENGTH - PREFIX.length())
                    + " to " + (MAX_LENGTH - PREFIX.length()) + " characters of A-Z a-z 0-9 - _");
        }
        return new ApiToken(value);
    }

    public TokenHash hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return new TokenHash(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** The non-secret leading characters shown in key listings. */
    public String visiblePrefix() {
        return value.substring(0, VISIBLE_PREFIX_LENGTH);
    }

    public String last4() {
        return value.substring(value.length() - 4);
    }

    /** The secret itself: to be shown to its owner once, never logged or stored. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return visiblePrefix() + "..." + last4();
    }
}
