package dev.openmail.bootstrap;

import dev.openmail.domain.port.in.DeliverOutbox;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands due outbox entries to the relay, again and again, for as long as the server runs. */
@Singleton
@Requires(property = "openmail.outbox.enabled", notEquals = "false")
final class OutboxWorker {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);

    private final DeliverOutbox deliverOutbox;

    OutboxWorker(DeliverOutbox deliverOutbox) {
        this.deliverOutbox = deliverOutbox;
    }

    @Scheduled(fixedDelay = "${openmail.outbox.poll-interval:2s}", initialDelay = "${openmail.outbox.poll-interval:2s}")
    void deliverDue() {
        try {
            int delivered = deliverOutbox.deliverDue();
            if (delivered > 0) {
                LOG.info("Relayed {} message(s) from the outbox", delivered);
            }
        } catch (RuntimeException e) {
            // The next round tries again; an unexpected failure must not stop the schedule.
            LOG.warn("Outbox round failed: {}", e.toString());
        }
    }
}
