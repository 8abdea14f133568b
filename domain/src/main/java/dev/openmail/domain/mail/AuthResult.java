package dev.openmail.domain.mail;

import java.util.Locale;

/** A result word of RFC 8601 (Authentication-Results), shared by SPF, DKIM and DMARC. */
public enum AuthResult {
    PASS, FAIL, SOFTFAIL, NEUTRAL, NONE, TEMPERROR, PERMERROR;

    /** The word as written in the header and the API: lower-case. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The result for a word, {@link #NONE} for null; an unknown word is {@link #PERMERROR}. */
    public static AuthResult ofWord(String word) {
        if (word == null || word.isBlank()) {
            return NONE;
        }
        try {
            return valueOf(word.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return PERMERROR;
        }
    }

    /**
     * How good a result is, to pick the best of several DKIM signatures: pass, then fail (a signature that did not
     * verify, RFC 8601 §2.7.1), then the errors, then none.
     */
    public int rank() {
        return switch (this) {
            case PASS -> 0;
            case FAIL -> 1;
            case SOFTFAIL, NEUTRAL -> 2;
            case PERMERROR -> 3;
            case TEMPERROR -> 4;
            case NONE -> 5;
        };
    }
}
