package dev.openmail.domain.port.out;

import dev.openmail.domain.mail.Authentication;
import java.util.Objects;

/**
 * Checks SPF, DKIM and DMARC for a message arriving over SMTP. Never throws for DNS trouble: a lookup that fails or
 * times out gives {@code temperror}, and the whole check is bounded by a few seconds.
 */
public interface AuthenticateMail {

    Outcome authenticate(Request request);

    /**
     * {@code clientIp} is the connecting address (textual IPv4 or IPv6), {@code helo} the name given in HELO/EHLO
     * (null if none), {@code envelopeSender} MAIL FROM (null for the null sender), {@code authservId} the name of this
     * server as written first in the Authentication-Results header.
     */
    record Request(String clientIp, String helo, String envelopeSender, byte[] raw, String authservId) {
        public Request {
            Objects.requireNonNull(raw);
            Objects.requireNonNull(authservId);
        }
    }

    /** The verdicts and the value of the {@code Authentication-Results} header that says them (RFC 8601). */
    record Outcome(Authentication authentication, String headerValue) {
        public Outcome {
            Objects.requireNonNull(authentication);
            Objects.requireNonNull(headerValue);
        }
    }
}
