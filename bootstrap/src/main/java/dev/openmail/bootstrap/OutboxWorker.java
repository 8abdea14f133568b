package dev.openmail.bootstrap;

import dev.openmail.domain.port.in.DeliverOutbox;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: every poll interval it claims due entries, up to {@value #QUEUED_PER_WORKER} per worker
 * counting those being delivered and those waiting for a worker, and each of {@code openmail.outbox.parallel} workers
 * delivers one message at a time ({@link ClaimedWork}). The claiming never waits for a delivery, so a message to a slow
 * or dead mail server holds up only its own worker.
 */
@Singleton
@Requires(property = "openmail.outbox.enabled", notEquals = "false")
final class OutboxWorker {

    /** Claimed entries per worker, in delivery or queued: enough to keep workers busy between two polls. */
    static final int QUEUED_PER_WORKER = 4;

    private final ClaimedWork<dev.openmail.domain.mail.OutboxEntry> work;

    OutboxWorker(DeliverOutbox deliverOutbox, @Value("${openmail.outbox.parallel:8}") int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("openmail.outbox.parallel (OPENMAIL_OUTBOX_PARALLEL) must be at least"
                    + " 1, not " + workers);
        }
        this.work = new ClaimedWork<>("outbox", workers, QUEUED_PER_WORKER, deliverOutbox::claimDue,
                deliverOutbox::deliver, entry -> "message " + entry.messageId().value(),
                LoggerFactory.getLogger(OutboxWorker.class));
    }

    @Scheduled(fixedDelay = "${openmail.outbox.poll-interval:2s}", initialDelay = "${openmail.outbox.poll-interval:2s}")
    void dispatchDue() {
        work.dispatch();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        work.stop();
    }
}
