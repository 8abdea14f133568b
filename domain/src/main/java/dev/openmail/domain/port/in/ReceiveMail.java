package dev.openmail.domain.port.in;

import java.util.List;
import java.util.Objects;

/** Mail arriving over SMTP. Runs for the SMTP listener, not for an API caller. */
public interface ReceiveMail {

    /** Whether mail to this address has an inbox to go to (checked at RCPT TO). */
    boolean accepts(String recipient);

    /**
     * Stores the message once in each recipient's inbox, all in one transaction, and returns how many inboxes took it:
     * those that stored it and those whose sender rules dropped it (still accepted, so senders cannot probe the rules).
     * Recipients without an inbox (deleted since RCPT TO) are skipped; when none is left, nothing is stored and 0 is
     * returned. A message over the MIME limits is refused with
     * {@link dev.openmail.domain.mail.MessageTooComplexException} and stored nowhere.
     */
    int receive(Command command);

    /**
     * {@code envelopeSender} is MAIL FROM, null for a bounce (the null sender). {@code clientIp} is the SMTP client's
     * address and {@code helo} the name it gave in HELO/EHLO (null if none); with a client address the message is
     * authenticated (SPF, DKIM, DMARC) and stored with a {@code Received} and an {@code Authentication-Results}
     * header in front; without one (no SMTP client) it is stored as given, unchecked.
     */
    record Command(byte[] raw, String envelopeSender, List<String> recipients, String clientIp, String helo) {
        public Command {
            Objects.requireNonNull(raw);
            recipients = List.copyOf(recipients);
        }

        /** A message that did not come from an SMTP client: stored as given, unchecked. */
        public Command(byte[] raw, String envelopeSender, List<String> recipients) {
            this(raw, envelopeSender, recipients, null, null);
        }
    }
}
