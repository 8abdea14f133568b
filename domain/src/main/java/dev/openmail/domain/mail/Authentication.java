package dev.openmail.domain.mail;

import java.util.Objects;

/**
 * What checking a received message's sender found: SPF (envelope sender, or the HELO name for the null sender), DKIM
 * (the best of its signatures) and DMARC (alignment of those with the From domain, and that domain's policy).
 *
 * @param spoofedLocalSender the From address is on a domain this installation hosts, yet the message came from
 *                           outside without passing DMARC (see {@link LocalSenders})
 */
public record Authentication(AuthResult spf, AuthResult dkim, AuthResult dmarc, boolean spoofedLocalSender) {

    public Authentication {
        Objects.requireNonNull(spf);
        Objects.requireNonNull(dkim);
        Objects.requireNonNull(dmarc);
    }

    /** Verdicts of a sender not claiming one of this installation's domains (or not yet compared with them). */
    public Authentication(AuthResult spf, AuthResult dkim, AuthResult dmarc) {
        this(spf, dkim, dmarc, false);
    }

    /** The same verdicts, marked as claiming a local sender without DMARC to back it. */
    public Authentication asSpoofedLocalSender() {
        return new Authentication(spf, dkim, dmarc, true);
    }

    /** Nothing could be checked. */
    public static Authentication none() {
        return new Authentication(AuthResult.NONE, AuthResult.NONE, AuthResult.NONE);
    }
}
