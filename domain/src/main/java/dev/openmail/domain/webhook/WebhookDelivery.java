package dev.openmail.domain.webhook;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.inbox.InboxId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The webhook delivery of one event: a durable job written with the event, taken by a worker when it is due.
 *
 * @param attempts      how many POSTs were made so far
 * @param nextAttemptAt when a pending delivery is due
 */
public record WebhookDelivery(EventId eventId, AccountId accountId, InboxId inboxId, DeliveryStatus status,
                              int attempts, Instant nextAttemptAt) {

    public WebhookDelivery {
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(accountId);
        Objects.requireNonNull(inboxId);
        Objects.requireNonNull(status);
        if (attempts < 0 || attempts > RetrySchedule.MAX_ATTEMPTS) {
            throw new IllegalArgumentException("attempts out of range: " + attempts);
        }
        nextAttemptAt = Objects.requireNonNull(nextAttemptAt).truncatedTo(ChronoUnit.MILLIS);
    }

    /** The delivery of a new event: due at once. */
    public static WebhookDelivery of(MailEvent event) {
        return new WebhookDelivery(event.id(), event.accountId(), event.inboxId(), DeliveryStatus.PENDING, 0,
                event.occurredAt());
    }

    /** The number the next POST will carry as its {@code attempt}. */
    public int nextAttemptNumber() {
        return attempts + 1;
    }

    public boolean isFirstAttempt() {
        return attempts == 0;
    }

    public WebhookDelivery delivered() {
        return new WebhookDelivery(eventId, accountId, inboxId, DeliveryStatus.DELIVERED, attempts + 1, nextAttemptAt);
    }

    /** After a failed POST at {@code at}: due again on the schedule, or failed for good after the last attempt. */
    public WebhookDelivery attemptFailed(Instant at) {
        int made = attempts + 1;
        return RetrySchedule.nextAttempt(made, at)
                .map(next -> new WebhookDelivery(eventId, accountId, inboxId, DeliveryStatus.PENDING, made, next))
                .orElseGet(() -> new WebhookDelivery(eventId, accountId, inboxId, DeliveryStatus.FAILED, made,
                        nextAttemptAt));
    }

    /** Heard over the WebSocket: nothing is posted. */
    public WebhookDelivery viaWebSocket() {
        return new WebhookDelivery(eventId, accountId, inboxId, DeliveryStatus.WEBSOCKET, attempts, nextAttemptAt);
    }

    /** Neither the inbox nor the account has a webhook: the event stays in the log and its delivery has failed. */
    public WebhookDelivery withoutTarget() {
        return new WebhookDelivery(eventId, accountId, inboxId, DeliveryStatus.FAILED, attempts, nextAttemptAt);
    }

    /** Put off to {@code at} without using up an attempt (its target had no free worker). */
    public WebhookDelivery postponedTo(Instant at) {
        return new WebhookDelivery(eventId, accountId, inboxId, DeliveryStatus.PENDING, attempts, at);
    }
}
