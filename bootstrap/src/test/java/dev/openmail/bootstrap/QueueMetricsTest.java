package dev.openmail.bootstrap;

import dev.openmail.application.fakes.MutableClock;
import dev.openmail.domain.port.out.InspectQueues;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.BeanProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The queue gauges: what they make of the database's answers, how long they keep them, and a failing read. */
class QueueMetricsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
    private final AtomicInteger reads = new AtomicInteger();
    private volatile RuntimeException failure;
    private volatile InspectQueues.QueueState outbox = new InspectQueues.QueueState(0, Optional.empty());
    private volatile Optional<Instant> oldestEvent = Optional.empty();

    private final InspectQueues queues = new InspectQueues() {
        @Override
        public QueueState outbox() {
            reads.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return outbox;
        }

        @Override
        public QueueState webhooks() {
            return new QueueState(0, Optional.empty());
        }

        @Override
        public Optional<Instant> oldestUndeliveredEvent() {
            return oldestEvent;
        }
    };

    private SimpleMeterRegistry registryWith(Duration cacheFor) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new QueueMetrics(provider(), clock, cacheFor).bindTo(registry);
        return registry;
    }

    private BeanProvider<InspectQueues> provider() {
        return () -> queues;
    }

    private static double gauge(SimpleMeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }

    @Test
    void anEntryDueInTheFutureIsNoAgeAndOnePastDueIsHowLongItWaited() {
        SimpleMeterRegistry registry = registryWith(Duration.ZERO);
        outbox = new InspectQueues.QueueState(3, Optional.of(clock.instant().plusSeconds(30)));
        assertEquals(3.0, gauge(registry, "openmail.outbox.depth"));
        assertEquals(0.0, gauge(registry, "openmail.outbox.oldest.due.age"));

        outbox = new InspectQueues.QueueState(3, Optional.of(clock.instant().minusMillis(2500)));
        oldestEvent = Optional.of(clock.instant().minusSeconds(90));
        assertEquals(2.5, gauge(registry, "openmail.outbox.oldest.due.age"));
        assertEquals(90.0, gauge(registry, "openmail.event.lag"));
        assertEquals(0.0, gauge(registry, "openmail.webhook.queue.oldest.due.age"), "an empty queue has no age");
    }

    @Test
    void manyLooksWithinTheCachePeriodReadTheDatabaseOnce() {
        SimpleMeterRegistry registry = registryWith(Duration.ofSeconds(5));
        outbox = new InspectQueues.QueueState(1, Optional.empty());
        for (int i = 0; i < 20; i++) {
            gauge(registry, "openmail.outbox.depth");
            gauge(registry, "openmail.event.lag");
        }
        assertEquals(1, reads.get());

        outbox = new InspectQueues.QueueState(7, Optional.empty());
        clock.advance(Duration.ofSeconds(4));
        assertEquals(1.0, gauge(registry, "openmail.outbox.depth"), "still the kept figure");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(7.0, gauge(registry, "openmail.outbox.depth"), "read again once the period is over");
        assertEquals(2, reads.get());
    }

    @Test
    void aFailingReadKeepsTheLastFiguresAndNoneBeforeTheFirstIsNaN() {
        SimpleMeterRegistry registry = registryWith(Duration.ZERO);
        failure = new IllegalStateException("database down");
        assertTrue(Double.isNaN(gauge(registry, "openmail.outbox.depth")));

        failure = null;
        outbox = new InspectQueues.QueueState(4, Optional.empty());
        assertEquals(4.0, gauge(registry, "openmail.outbox.depth"));
        failure = new IllegalStateException("database down again");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(4.0, gauge(registry, "openmail.outbox.depth"));
    }
}
