package dev.openmail.bootstrap;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's clock in tests that move time forward (retry schedules): the real time plus an offset the test
 * advances. Only in a server started with {@code openmail.test.controllable-clock=true}.
 */
@Singleton
@Replaces(value = Clock.class, factory = UseCaseFactory.class)
@Requires(property = "openmail.test.controllable-clock", value = "true")
public final class ControllableClock extends Clock {

    private final AtomicLong offsetMillis;
    private final ZoneId zone;

    @Inject
    public ControllableClock() {
        this(new AtomicLong(), ZoneOffset.UTC);
    }

    private ControllableClock(AtomicLong offsetMillis, ZoneId zone) {
        this.offsetMillis = offsetMillis;
        this.zone = zone;
    }

    public void advance(Duration by) {
        offsetMillis.addAndGet(by.toMillis());
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(offsetMillis.get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same moving time, seen in {@code zone}: advancing either advances both. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new ControllableClock(offsetMillis, zone);
    }
}
