package dev.openmail.domain.delivery;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * The envelope sender of a sent message for one recipient: {@code bounces+<token>@<sending domain>}, where the token
 * is random and names that message and recipient (VERP). A delivery status notification or complaint sent back to it
 * says whom it is about without reading the report's prose, and a token cannot be guessed to forge one.
 */
public final class BounceAddress {

    public static final String PREFIX = "bounces+";
    /** 20 characters of 32 letters and digits: 100 random bits. */
    static final int TOKEN_LENGTH = 20;
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private BounceAddress() {
    }

    public static String newToken() {
        char[] token = new char[TOKEN_LENGTH];
        for (int i = 0; i < token.length; i++) {
            token[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(token);
    }

    /** The bounce address with {@code token} on the domain of {@code senderAddress}. */
    public static String of(String token, String senderAddress) {
        int at = senderAddress.lastIndexOf('@');
        return PREFIX + token + senderAddress.substring(at);
    }

    /**
     * The token of a bounce address's local part ({@code bounces+<token>}, any case), if it is one; says nothing of
     * whether the token exists.
     */
    public static Optional<String> tokenOf(String localPart) {
        String lower = localPart.toLowerCase(Locale.ROOT);
        if (!lower.startsWith(PREFIX) || lower.length() != PREFIX.length() + TOKEN_LENGTH) {
            return Optional.empty();
        }
        String token = lower.substring(PREFIX.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) {
                return Optional.empty();
            }
        }
        return Optional.of(token);
    }
}
