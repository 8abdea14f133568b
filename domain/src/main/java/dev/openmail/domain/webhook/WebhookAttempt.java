package dev.openmail.domain.webhook;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.inbox.InboxId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One entry of the webhook delivery log: an attempt to post an event (or a test), or the decision not to post it.
 *
 * @param eventType     the event's {@code event} field, such as {@code message.received} or {@code webhook.test}
 * @param inboxId       the inbox whose event it was; null for a test of the account's webhook
 * @param attempt       the attempt's number, 1 to 5; 0 when nothing was posted
 * @param url           where it was posted; null when nothing was
 * @param statusCode    the answer's HTTP status; 0 when there was none
 * @param error         why it did not succeed; null when it did or nothing was posted
 * @param latencyMillis from the start of the POST to its answer or failure; 0 when nothing was posted
 */
public record WebhookAttempt(EventId eventId, String eventType, AccountId accountId, InboxId inboxId, int attempt,
                             Instant at, String url, int statusCode, String error, long latencyMillis,
                             AttemptOutcome outcome) {

    public WebhookAttempt {
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(eventType);
        Objects.requireNonNull(accountId);
        at = Objects.requireNonNull(at).truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(outcome);
    }

    /** A POST and what it came to. */
    public static WebhookAttempt posted(EventId eventId, String eventType, AccountId accountId, InboxId inboxId,
                                        int attempt, Instant at, String url, WebhookResponse response) {
        return new WebhookAttempt(eventId, eventType, accountId, inboxId, attempt, at, url, response.statusCode(),
                response.error(), response.latencyMillis(),
                response.succeeded() ? AttemptOutcome.SUCCEEDED : AttemptOutcome.FAILED);
    }

    /** A decision not to post. */
    public static WebhookAttempt notPosted(EventId eventId, String eventType, AccountId accountId, InboxId inboxId,
                                           Instant at, AttemptOutcome outcome) {
        return new WebhookAttempt(eventId, eventType, accountId, inboxId, 0, at, null, 0, null, 0, outcome);
    }
}
