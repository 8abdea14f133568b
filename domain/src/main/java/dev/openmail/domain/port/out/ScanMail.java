package dev.openmail.domain.port.out;

import dev.openmail.domain.mail.SpamVerdict;

import java.util.List;
import java.util.Objects;

/**
 * Asks a spam scanner about a message arriving over SMTP. Never throws and never takes longer than its timeout: a
 * scanner that is slow, down or answers nonsense gives {@link SpamVerdict#unscanned}. Called outside any transaction.
 */
public interface ScanMail {

    /** No scanner configured: messages carry no spam verdict. */
    ScanMail NONE = request -> null;

    /** The verdict, or null when no scanner is configured. */
    SpamVerdict scan(Request request);

    /**
     * {@code clientIp} and {@code helo} as the SMTP client gave them (helo may be null), {@code envelopeSender} MAIL
     * FROM (null for the null sender), {@code recipients} RCPT TO, {@code queueId} a name for the message in logs.
     */
    record Request(String clientIp, String helo, String envelopeSender, List<String> recipients, String queueId,
                   byte[] raw) {
        public Request {
            Objects.requireNonNull(raw);
            recipients = List.copyOf(recipients);
        }
    }
}
