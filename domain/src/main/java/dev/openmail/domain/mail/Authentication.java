package dev.openmail.domain.mail;

import java.util.Objects;

/**
 * What checking a received message's sender found: SPF (envelope sender, or the HELO name for the null sender), DKIM
 * (the best of its signatures) and DMARC (alignment of those with the From domain, and that domain's policy).
 */
public record Authentication(AuthResult spf, AuthResult dkim, AuthResult dmarc) {

    public Authentication {
        Objects.requireNonNull(spf);
        Objects.requireNonNull(dkim);
        Objects.requireNonNull(dmarc);
    }

    /** Nothing could be checked. */
    public static Authentication none() {
        return new Authentication(AuthResult.NONE, AuthResult.NONE, AuthResult.NONE);
    }
}
