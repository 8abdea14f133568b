package dev.openmail.bootstrap;

import dev.openmail.domain.port.in.DeliverWebhooks;
import dev.openmail.domain.webhook.WebhookDelivery;
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
 * Delivers webhooks: every poll interval it claims due deliveries, up to {@value #QUEUED_PER_WORKER} per worker
 * counting those being posted and those waiting for a worker, and each worker delivers one at a time (a POST may take
 * up to 15 seconds, so the claiming never waits for one). Deliveries for a host whose share of workers is busy are
 * parked by the use case and taken by that host's own workers, so waiting here is short. A delivery this process
 * claimed but never finished (it was stopped or killed) is claimed again by any process once its lease ends.
 */
@Singleton
@Requires(property = "openmail.webhooks.enabled", notEquals = "false")
final class WebhookWorker {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookWorker.class);
    /** Claimed deliveries per worker, posting or queued: enough to keep workers busy between two polls. */
    static final int QUEUED_PER_WORKER = 4;

    private final DeliverWebhooks deliverWebhooks;
    private final int workers;
    private final ExecutorService pool;
    private final AtomicInteger claimed = new AtomicInteger();

    WebhookWorker(DeliverWebhooks deliverWebhooks, @Value("${openmail.webhooks.workers:8}") int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("openmail.webhooks.workers must be at least 1, not " + workers);
        }
        this.deliverWebhooks = deliverWebhooks;
        this.workers = workers;
        AtomicInteger names = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "webhook-worker-" + names.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Scheduled(fixedDelay = "${openmail.webhooks.poll-interval:100ms}",
            initialDelay = "${openmail.webhooks.poll-interval:100ms}")
    void dispatchDue() {
        int room = workers * QUEUED_PER_WORKER - claimed.get();
        if (room <= 0) {
            return;
        }
        List<WebhookDelivery> due;
        try {
            due = deliverWebhooks.claimDue(room);
        } catch (RuntimeException e) {
            // The next round tries again; an unexpected failure must not stop the schedule.
            LOG.warn("Claiming webhook deliveries failed: {}", e.toString());
            return;
        }
        for (WebhookDelivery delivery : due) {
            claimed.incrementAndGet();
            try {
                pool.execute(() -> deliver(delivery));
            } catch (RejectedExecutionException stopping) {
                // The server is stopping; the claim runs out and another process (or this one, restarted) takes it.
                claimed.decrementAndGet();
            }
        }
    }

    private void deliver(WebhookDelivery delivery) {
        try {
            deliverWebhooks.deliver(delivery);
        } catch (RuntimeException e) {
            // The claim runs out and the delivery is tried again; nothing is lost.
            LOG.warn("Delivering the webhook of event {} failed: {}", delivery.eventId(), e.toString());
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
