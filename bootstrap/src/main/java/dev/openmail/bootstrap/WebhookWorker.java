package dev.openmail.bootstrap;

import dev.openmail.domain.port.in.DeliverWebhooks;
import dev.openmail.domain.webhook.WebhookDelivery;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.LoggerFactory;

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

    /** Claimed deliveries per worker, posting or queued: enough to keep workers busy between two polls. */
    static final int QUEUED_PER_WORKER = 4;

    private final ClaimedWork<WebhookDelivery> work;

    WebhookWorker(DeliverWebhooks deliverWebhooks, @Value("${openmail.webhooks.workers:8}") int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("openmail.webhooks.workers must be at least 1, not " + workers);
        }
        this.work = new ClaimedWork<>("webhook", workers, QUEUED_PER_WORKER, deliverWebhooks::claimDue,
                deliverWebhooks::deliver, delivery -> "the webhook of event " + delivery.eventId().value(),
                LoggerFactory.getLogger(WebhookWorker.class));
    }

    @Scheduled(fixedDelay = "${openmail.webhooks.poll-interval:100ms}",
            initialDelay = "${openmail.webhooks.poll-interval:100ms}")
    void dispatchDue() {
        work.dispatch();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        work.stop();
    }
}
