package dev.openmail.bootstrap;

import dev.openmail.domain.port.out.ExpireEvents;
import dev.openmail.domain.port.out.Transactions;
import dev.openmail.domain.port.out.WebhookDeliveries;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Removes events, and webhook delivery log entries, older than the retention ({@code OPENMAIL_EVENT_RETENTION}), a
 * batch per transaction, so that no
 * removal holds many row locks for long. Every server process runs it; two at once remove each event once between
 * them, so none needs to be chosen to do it. Built when the server starts, so that a retention that is no positive
 * duration stops the start.
 */
@Context
@Requires(property = "openmail.events.purge-enabled", notEquals = "false")
final class EventPurger {

    static final int BATCH = 500;
    /** A round stops after this many batches and leaves the rest to the next, so that it never runs unbounded. */
    static final int MAX_BATCHES_PER_ROUND = 100;

    private static final Logger LOG = LoggerFactory.getLogger(EventPurger.class);

    private final ExpireEvents expireEvents;
    private final WebhookDeliveries webhookDeliveries;
    private final Transactions transactions;
    private final Clock clock;
    private final Duration retention;

    EventPurger(ExpireEvents expireEvents, WebhookDeliveries webhookDeliveries, Transactions transactions, Clock clock,
                @Value("${openmail.events.retention:7d}") Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("OPENMAIL_EVENT_RETENTION must be a positive duration such as 7d or "
                    + "36h, not " + retention);
        }
        this.expireEvents = expireEvents;
        this.webhookDeliveries = webhookDeliveries;
        this.transactions = transactions;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(fixedDelay = "${openmail.events.purge-interval:1m}", initialDelay = "${openmail.events.purge-interval:1m}")
    void purgeExpired() {
        try {
            int removed = purgeOnce();
            if (removed > 0) {
                LOG.info("Removed {} event(s) older than {}", removed, retention);
            }
        } catch (RuntimeException e) {
            // The next round tries again; an unexpected failure must not stop the schedule.
            LOG.warn("Event purge round failed: {}", e.toString());
        }
    }

    /**
     * One round: the events past retention (their webhook deliveries go with them), then the webhook delivery log's
     * entries as old, batch after batch, until a batch comes back short. Answers how many events went.
     */
    int purgeOnce() {
        Instant cutoff = clock.instant().minus(retention);
        int removed = inBatches(() -> expireEvents.removeOccurredBefore(cutoff, BATCH));
        inBatches(() -> webhookDeliveries.removeAttemptsBefore(cutoff, BATCH));
        return removed;
    }

    private int inBatches(java.util.function.IntSupplier batch) {
        int removed = 0;
        for (int round = 0; round < MAX_BATCHES_PER_ROUND; round++) {
            int now = transactions.inTransaction(() -> batch.getAsInt());
            removed += now;
            if (now < BATCH) {
                break;
            }
        }
        return removed;
    }
}
