package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.webhook.WebhookAttempt;
import dev.openmail.domain.webhook.WebhookDelivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The webhook deliveries of events (one per event, written by {@link RecordEvents} with it) and their log.
 */
public interface WebhookDeliveries {

    /**
     * Up to {@code max} pending deliveries due at {@code now}, oldest due first, each claimed for {@code lease}: until
     * the lease ends no other claim returns it, so two workers never post one attempt at once, and a delivery whose
     * worker died is taken again when its lease ends.
     */
    List<WebhookDelivery> claimDue(Instant now, Duration lease, int max);

    /** Stores the delivery's new status, attempts and due time, and ends its claim. */
    void update(WebhookDelivery delivery);

    /** Appends an entry to the delivery log. An entry of an inbox deleted meanwhile is not kept. */
    void log(WebhookAttempt attempt);

    /** The log of one inbox's events, newest first. */
    Page<WebhookAttempt> attemptsOfInbox(AccountId accountId, InboxId inboxId, PageRequest page);

    /** The log of the whole account (its inboxes' events and the tests of its own webhook), newest first. */
    Page<WebhookAttempt> attemptsOfAccount(AccountId accountId, PageRequest page);

    /** Removes at most {@code max} log entries made before {@code cutoff}; answers how many went. */
    int removeAttemptsBefore(Instant cutoff, int max);
}
