package dev.openmail.bootstrap;

import dev.openmail.domain.mail.OutboxEntry;
import dev.openmail.domain.port.in.DeliverOutbox;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers the outbox: every poll interval it claims due entries, up to {@value #QUEUED_PER_WORKER} per worker
 * counting those being delivered and those waiting for a worker, and each of {@code openmail.outbox.parallel} workers
 * delivers one message at a time. The claiming never waits for a delivery, so a message to a slow or dead mail server
 * holds up only its own worker. An entry this process claimed but never finished (it was stopped or killed) is claimed
 * again by any process once its lease ends.
 */
@Singleton
@Requires(property = "openmail.outbox.enabled", notEquals = "false")
final class OutboxWorker {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);
    /** Claimed entries per worker, in delivery or queued: enough to keep workers busy between two polls. */
    static final int QUEUED_PER_WORKER = 4;

    private final DeliverOutbox deliverOutbox;
    private final int workers;
    private final ExecutorService pool;
    private final AtomicInteger claimed = new AtomicInteger();

    OutboxWorker(DeliverOutbox deliverOutbox, @Value("${openmail.outbox.parallel:8}") int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("openmail.outbox.parallel (OPENMAIL_OUTBOX_PARALLEL) must be at least"
                    + " 1, not " + workers);
        }
        this.deliverOutbox = deliverOutbox;
        this.workers = workers;
        AtomicInteger names = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "outbox-worker-" + names.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Scheduled(fixedDelay = "${openmail.outbox.poll-interval:2s}", initialDelay = "${openmail.outbox.poll-interval:2s}")
    void dispatchDue() {
        int room = workers * QUEUED_PER_WORKER - claimed.get();
        if (room <= 0) {
            return;
        }
        List<OutboxEntry> due;
        try {
            due = deliverOutbox.claimDue(room);
        } catch (RuntimeException e) {
            // The next round tries again; an unexpected failure must not stop the schedule.
            LOG.warn("Claiming outbox entries failed: {}", e.toString());
            return;
        }
        for (OutboxEntry entry : due) {
            claimed.incrementAndGet();
            try {
                pool.execute(() -> deliver(entry));
            } catch (RejectedExecutionException stopping) {
                // The server is stopping; the claim runs out and another process (or this one, restarted) takes it.
                claimed.decrementAndGet();
            }
        }
    }

    private void deliver(OutboxEntry entry) {
        try {
            deliverOutbox.deliver(entry);
        } catch (RuntimeException e) {
            // The claim runs out and the entry is tried again; nothing is lost.
            LOG.warn("Delivering message {} from the outbox failed: {}", entry.messageId().value(), e.toString());
        } finally {
            claimed.decrementAndGet();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
    }
}
