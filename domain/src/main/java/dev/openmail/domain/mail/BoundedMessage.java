package dev.openmail.domain.mail;

import dev.openmail.domain.delivery.RecipientDelivery;
import java.util.List;
import java.util.Objects;

/**
 * A message as one answer carries it, its bodies perhaps cut to a {@link BodyBudget}; {@code bodyTruncated} says
 * whether either was. {@code delivery} is, for a message sent from here, what became of it for each recipient
 * (empty otherwise).
 */
public record BoundedMessage(Message message, boolean bodyTruncated, List<RecipientDelivery> delivery) {

    public BoundedMessage {
        Objects.requireNonNull(message);
        delivery = delivery == null ? List.of() : List.copyOf(delivery);
    }

    public BoundedMessage(Message message, boolean bodyTruncated) {
        this(message, bodyTruncated, List.of());
    }

    public BoundedMessage withDelivery(List<RecipientDelivery> recipients) {
        return new BoundedMessage(message, bodyTruncated, recipients);
    }

    /** The message with each body cut to {@code level} characters (see {@link BodyBudget#level}). */
    public static BoundedMessage cut(Message message, int level) {
        String text = BodyBudget.cut(message.bodyText(), level);
        String html = BodyBudget.cut(message.bodyHtml(), level);
        if (Objects.equals(text, message.bodyText()) && Objects.equals(html, message.bodyHtml())) {
            return new BoundedMessage(message, false);
        }
        return new BoundedMessage(withBodies(message, text, html), true);
    }

    /** The message with these bodies in place of its own, as a store that cut them while reading has them. */
    public static Message withBodies(Message m, String bodyText, String bodyHtml) {
        return new Message(m.id(), m.accountId(), m.podId(), m.inboxId(), m.threadId(), m.direction(), m.status(),
                m.fromAddr(), m.toAddr(), m.headerTo(), m.deliveryRole(), m.cc(), m.subject(), bodyText, bodyHtml,
                m.attachments(), m.rfcMessageId(), m.inReplyTo(), m.references(), m.createdAt(), m.authentication(),
                m.spam());
    }
}
