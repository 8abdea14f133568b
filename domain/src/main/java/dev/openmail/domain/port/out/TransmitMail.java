package dev.openmail.domain.port.out;

import java.util.List;
import java.util.Objects;

/**
 * Hands a finished message to the next hop, recipient by recipient: the configured relay, or each recipient domain's
 * mail exchangers. The bytes go out as given. Every network step is bounded by a timeout, and a call never throws for
 * what became of a recipient: that is its {@link RecipientResult}.
 */
public interface TransmitMail {

    /**
     * One SMTP envelope: the reverse-path (the message's bounce address for this recipient, or empty for the null
     * reverse-path) and one recipient.
     */
    record Envelope(String from, String to) {
        public Envelope {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    enum Outcome {
        /** The next hop answered 250 to the message for this recipient. */
        DELIVERED,
        /** Tried and failed for now (4xx, no connection, timeout, a policy not met yet): try again later. */
        DEFERRED,
        /** Refused for good (5xx, a domain that accepts no mail): never try again. */
        FAILED,
        /**
         * Not tried this time because the destination is busy or known to be down just now; try again soon without
         * counting an attempt.
         */
        NOT_TRIED
    }

    /**
     * What became of one envelope. {@code reply} is the server's last answer (such as {@code 550 5.1.1 no such user})
     * or, without one, what went wrong in words; {@code host} is the host that answered, or empty.
     */
    record RecipientResult(String recipient, Outcome outcome, String reply, String host) {
        public RecipientResult {
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(outcome, "outcome");
            reply = reply == null ? "" : reply;
            host = host == null ? "" : host;
        }
    }

    /** One result per envelope, in the envelopes' order. */
    List<RecipientResult> transmit(byte[] raw, List<Envelope> envelopes);
}
