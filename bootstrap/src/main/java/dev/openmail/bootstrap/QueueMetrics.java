package dev.openmail.bootstrap;

import dev.openmail.domain.port.out.InspectQueues;
import dev.openmail.domain.port.out.InspectQueues.QueueState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The queues' gauges, read from the database when they are looked at (a scrape) and kept for
 * {@code openmail.metrics.queue-cache}, so that many scrapes at once cost the database one read each cache period:
 * <ul>
 *   <li>{@code openmail.outbox.depth}: outbox entries, i.e. sent messages with outside recipients still pending;</li>
 *   <li>{@code openmail.outbox.oldest.due.age}: seconds since the earliest entry became due (0 when none is);</li>
 *   <li>{@code openmail.webhook.queue.depth} and {@code openmail.webhook.queue.oldest.due.age}: the same for pending
 *   webhook deliveries;</li>
 *   <li>{@code openmail.event.lag}: seconds since the oldest event still waiting to be handed on (posted to a webhook,
 *   or found heard by a WebSocket) occurred; 0 when none waits.</li>
 * </ul>
 * Every process reports the same installation-wide figures. A read that fails leaves the last figures in place (NaN
 * before the first), and is logged.
 */
@Singleton
final class QueueMetrics implements MeterBinder {

    private static final Logger LOG = LoggerFactory.getLogger(QueueMetrics.class);

    /** Looked up on first use: the registry is made while the data source is, before the stores can be. */
    private final BeanProvider<InspectQueues> queues;
    private final Clock clock;
    private final Duration cacheFor;
    private Snapshot last;
    private Instant readAt;

    QueueMetrics(BeanProvider<InspectQueues> queues, Clock clock, @Value("${openmail.metrics.queue-cache:5s}") Duration cacheFor) {
        if (cacheFor.isNegative()) {
            throw new IllegalArgumentException("openmail.metrics.queue-cache cannot be negative: " + cacheFor);
        }
        this.queues = queues;
        this.clock = clock;
        this.cacheFor = cacheFor;
    }

    /** What one read of the database found, and when. */
    record Snapshot(Instant at, QueueState outbox, QueueState webhooks, Optional<Instant> oldestUndeliveredEvent) {
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "openmail.outbox.depth", "Outbox entries: sent messages with outside recipients still pending",
                null, snapshot -> snapshot.outbox().depth());
        gauge(registry, "openmail.outbox.oldest.due.age", "How long the earliest due outbox entry has been due",
                "seconds", snapshot -> dueAge(snapshot.at(), snapshot.outbox()));
        gauge(registry, "openmail.webhook.queue.depth", "Webhook deliveries still pending", null,
                snapshot -> snapshot.webhooks().depth());
        gauge(registry, "openmail.webhook.queue.oldest.due.age",
                "How long the earliest due webhook delivery has been due", "seconds",
                snapshot -> dueAge(snapshot.at(), snapshot.webhooks()));
        gauge(registry, "openmail.event.lag",
                "How long ago the oldest event still waiting to be handed on to its webhook or WebSocket occurred",
                "seconds", snapshot -> snapshot.oldestUndeliveredEvent()
                        .map(at -> seconds(at, snapshot.at())).orElse(0.0));
    }

    private void gauge(MeterRegistry registry, String name, String description, String unit,
                       ToDoubleFunction<Snapshot> value) {
        Gauge.builder(name, this, metrics -> {
                    Snapshot snapshot = metrics.snapshot();
                    return snapshot == null ? Double.NaN : value.applyAsDouble(snapshot);
                })
                .description(description).baseUnit(unit).strongReference(true).register(registry);
    }

    /** The figures, read again when the kept ones are older than the cache period. */
    synchronized Snapshot snapshot() {
        Instant now = clock.instant();
        if (readAt != null && now.isBefore(readAt.plus(cacheFor)) && !now.isBefore(readAt)) {
            return last;
        }
        readAt = now;
        try {
            InspectQueues read = queues.get();
            last = new Snapshot(now, read.outbox(), read.webhooks(), read.oldestUndeliveredEvent());
        } catch (RuntimeException e) {
            LOG.warn("Reading the queues' sizes for the metrics failed; the last figures stay", e);
        }
        return last;
    }

    private static double dueAge(Instant now, QueueState queue) {
        return queue.earliestDue().map(due -> Math.max(0.0, seconds(due, now))).orElse(0.0);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
