package dev.openmail.domain.event;

import dev.openmail.domain.mail.Authentication;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.SpamVerdict;

import dev.openmail.domain.delivery.RecipientDelivery;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The message an event is about, as it was when the event occurred: the {@code message} object of the documented
 * payload. Its id is the event's message id.
 *
 * @param rfcMessageId the Message-ID header without angle brackets; may be null
 * @param bodyText     the plain-text body; may be null
 * @param receivedAt   when the message was filed in its inbox (for a sent message, when it was sent)
 * @param authentication what SPF, DKIM and DMARC said of the sender; null unless received over SMTP
 * @param spam         the spam scanner's verdict; null unless received over SMTP with a scanner configured
 * @param delivery     for a sent message's {@code message.delivered}, {@code message.failed} and
 *                     {@code message.bounced}: what became of it for each recipient; otherwise empty
 */
public record MessageSnapshot(String rfcMessageId, String from, String to, List<String> cc, String subject,
                              String bodyText, List<EventAttachment> attachments, Instant receivedAt,
                              Authentication authentication, SpamVerdict spam, List<RecipientDelivery> delivery) {

    /** A snapshot without per-recipient delivery. */
    public MessageSnapshot(String rfcMessageId, String from, String to, List<String> cc, String subject,
                           String bodyText, List<EventAttachment> attachments, Instant receivedAt,
                           Authentication authentication, SpamVerdict spam) {
        this(rfcMessageId, from, to, cc, subject, bodyText, attachments, receivedAt, authentication, spam, List.of());
    }

    /** A snapshot without verdicts (sent mail, mail filed internally). */
    public MessageSnapshot(String rfcMessageId, String from, String to, List<String> cc, String subject,
                           String bodyText, List<EventAttachment> attachments, Instant receivedAt) {
        this(rfcMessageId, from, to, cc, subject, bodyText, attachments, receivedAt, null, null);
    }

    public MessageSnapshot {
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        cc = List.copyOf(Objects.requireNonNull(cc));
        Objects.requireNonNull(subject);
        attachments = List.copyOf(Objects.requireNonNull(attachments));
        receivedAt = Objects.requireNonNull(receivedAt).truncatedTo(ChronoUnit.MILLIS);
        delivery = delivery == null ? List.of() : List.copyOf(delivery);
    }

    /** This snapshot with {@code recipients} as its per-recipient delivery. */
    public MessageSnapshot withDelivery(List<RecipientDelivery> recipients) {
        return new MessageSnapshot(rfcMessageId, from, to, cc, subject, bodyText, attachments, receivedAt,
                authentication, spam, recipients);
    }

    public static MessageSnapshot of(Message message) {
        return new MessageSnapshot(message.rfcMessageId(), message.fromAddr(), message.toAddr(), message.cc(),
                message.subject(), message.bodyText(),
                message.attachments().stream().map(EventAttachment::of).toList(),
                message.createdAt(), message.authentication(), message.spam());
    }
}
