package dev.openmail.domain.port.in;

import java.util.List;
import java.util.Objects;

/** Mail arriving over SMTP. Runs for the SMTP listener, not for an API caller. */
public interface ReceiveMail {

    /**
     * Whether mail to this address has an inbox to go to, and room there (checked at RCPT TO): an inbox, or its
     * account, at or over its storage quota takes nothing until mail is deleted.
     */
    Recipient check(String recipient);

    /**
     * Stores the message once in each recipient's inbox, all in one transaction, and answers how many inboxes took it:
     * those that stored it and those whose sender rules dropped it (still accepted, so senders cannot probe the rules).
     * Recipients without an inbox (deleted since RCPT TO) are skipped; when none is left, nothing is stored and 0 is
     * answered. When the message does not fit into one of the inboxes (or its account) under its storage quota,
     * nothing is stored for anyone and the answer is a {@link Refusal}: an SMTP reply covers all recipients at once.
     * A message over the MIME limits is refused with {@link dev.openmail.domain.mail.MessageTooComplexException} and
     * stored nowhere.
     */
    Receipt receive(Command command);

    /** The answer at RCPT TO. */
    enum Recipient {
        ACCEPTED,
        /** No inbox has this address. */
        UNKNOWN,
        /** The inbox or its account is at or over its storage quota. */
        FULL
    }

    /** Why a message was refused as a whole. */
    enum Refusal {
        /** An inbox or its account has too little room left now; the sender may try again later. */
        FULL,
        /** The message alone is larger than an inbox's or its account's quota: it will never fit. */
        TOO_LARGE
    }

    /** How many inboxes took the message, or why nobody did ({@code refusalOrNull} set, {@code taken} 0). */
    record Receipt(int taken, Refusal refusalOrNull) {

        public static Receipt taken(int inboxes) {
            return new Receipt(inboxes, null);
        }

        public static Receipt refused(Refusal refusal) {
            return new Receipt(0, Objects.requireNonNull(refusal));
        }
    }

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
