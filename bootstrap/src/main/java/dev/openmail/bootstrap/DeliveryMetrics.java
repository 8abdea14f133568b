package dev.openmail.bootstrap;

import dev.openmail.domain.port.out.TransmitMail;
import dev.openmail.domain.port.out.TransmitMail.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts what became of each outgoing envelope: the {@link TransmitMail} bean is handed to the use cases wrapped in
 * a decorator that adds each {@link TransmitMail.RecipientResult} to {@code openmail.delivery.attempts}, tagged
 * {@code result} delivered, deferred, failed or not_tried (the destination was busy: no attempt was made). The
 * counters exist from the start, at zero.
 */
@Singleton
final class DeliveryMetrics implements BeanCreatedEventListener<TransmitMail>, MeterBinder {

    private final BeanProvider<MeterRegistry> registry;
    private volatile Map<Outcome, Counter> counters;

    DeliveryMetrics(BeanProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        Map<Outcome, Counter> made = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            made.put(outcome, Counter.builder("openmail.delivery.attempts")
                    .tag("result", outcome.name().toLowerCase(Locale.ROOT))
                    .description("Outgoing envelopes (one recipient each) by what became of them")
                    .register(meters));
        }
        counters = made;
    }

    @Override
    public TransmitMail onCreated(BeanCreatedEvent<TransmitMail> event) {
        return new Counting(event.getBean(), this);
    }

    void count(List<TransmitMail.RecipientResult> results) {
        Map<Outcome, Counter> byOutcome = counters;
        if (byOutcome == null) {
            // the registry binds this class when it is made
            registry.get();
            byOutcome = counters;
        }
        if (byOutcome != null) {
            for (TransmitMail.RecipientResult result : results) {
                byOutcome.get(result.outcome()).increment();
            }
        }
    }

    /** The decorator: passes every call on unchanged and counts its results. */
    static final class Counting implements TransmitMail {

        private final TransmitMail delegate;
        private final DeliveryMetrics metrics;

        Counting(TransmitMail delegate, DeliveryMetrics metrics) {
            this.delegate = delegate;
            this.metrics = metrics;
        }

        @Override
        public List<RecipientResult> transmit(byte[] raw, List<Envelope> envelopes) {
            List<RecipientResult> results = delegate.transmit(raw, envelopes);
            metrics.count(results);
            return results;
        }
    }
}
