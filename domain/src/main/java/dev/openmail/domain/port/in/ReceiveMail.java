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
     * returned.
     */
    int receive(Command command);

    /** {@code envelopeSender} is MAIL FROM, null for a bounce (the null sender). */
    record Command(byte[] raw, String envelopeSender, List<String> recipients) {
        public Command {
            Objects.requireNonNull(raw);
            recipients = List.copyOf(recipients);
        }
    }
}
