package dev.openmail.domain.event;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.pod.PodId;

import dev.openmail.domain.delivery.RecipientDelivery;
import java.time.Instant;
import java.util.List;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One entry of the event log: something that happened to a message in an inbox, recorded in the transaction that
 * made it happen. The per-delivery fields of a webhook ({@code delivered_at}, {@code attempt}) are not part of it.
 *
 * @param occurredAt when the change it reports was made
 * @param message    the message as it was then
 */
public record MailEvent(EventId id, EventType type, AccountId accountId, PodId podId, InboxId inboxId,
                        ThreadId threadId, MessageId messageId, Instant occurredAt, MessageSnapshot message) {

    public MailEvent {
        Objects.requireNonNull(id);
        Objects.requireNonNull(type);
        Objects.requireNonNull(accountId);
        Objects.requireNonNull(podId);
        Objects.requireNonNull(inboxId);
        Objects.requireNonNull(threadId);
        Objects.requireNonNull(messageId);
        occurredAt = Objects.requireNonNull(occurredAt).truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(message);
    }

    /** A new event of {@code type} about {@code message}, in the message's inbox, at {@code occurredAt}. */
    public static MailEvent about(EventType type, Message message, Instant occurredAt) {
        return new MailEvent(EventId.generate(), type, message.accountId(), message.podId(), message.inboxId(),
                message.threadId(), message.id(), occurredAt, MessageSnapshot.of(message));
    }

    /** A new event about a sent {@code message} that tells what became of it for each recipient. */
    public static MailEvent about(EventType type, Message message, Instant occurredAt,
                                  List<RecipientDelivery> delivery) {
        return new MailEvent(EventId.generate(), type, message.accountId(), message.podId(), message.inboxId(),
                message.threadId(), message.id(), occurredAt, MessageSnapshot.of(message).withDelivery(delivery));
    }
}
