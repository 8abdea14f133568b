package dev.openmail.adapters.rest.support;

import dev.openmail.application.UseCases;
import dev.openmail.application.fakes.FakeDnsLookup;
import dev.openmail.application.fakes.InMemoryPorts;
import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.application.fakes.InMemoryTransactions;
import dev.openmail.application.mail.DeliverOutboxService;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.InstallationDomain;
import dev.openmail.domain.maildomain.MxHost;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The real use cases on one in-memory store, in place of bootstrap's wiring on the database: the controllers are
 * exercised over HTTP with everything below them real except persistence. {@link UseCaseTestBeans} hands each use case
 * of {@link UseCases} to Micronaut.
 */
@Factory
public final class UseCaseTestFactory {

    /** Every resource made in a controller test is created at this instant. */
    public static final Instant NOW = Instant.parse("2025-03-04T05:06:07.891Z");

    /** What an account opened without an inboxLimit gets; chosen to differ from every limit a test sends. */
    public static final InboxLimit DEFAULT_INBOX_LIMIT = new InboxLimit(42);

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    /** The installation's domain, and the MX host domains must name, in controller tests. */
    public static final DomainName DEFAULT_DOMAIN = new DomainName("openmail.test");
    public static final MxHost MX_HOST = new MxHost(new DomainName("mx.openmail.test"));

    @Singleton
    InMemoryStore store() {
        return new InMemoryStore();
    }

    @Singleton
    InMemoryTransactions transactions(InMemoryStore store) {
        return new InMemoryTransactions(store);
    }

    @Singleton
    FakeDnsLookup dns() {
        return new FakeDnsLookup();
    }

    @Singleton
    MxHost mxHost() {
        return MX_HOST;
    }

    @Singleton
    UseCases useCases(InMemoryStore store, InMemoryTransactions transactions, FakeDnsLookup dns) {
        return new UseCases(InMemoryPorts.over(store, transactions, dns),
                new UseCases.Settings(new InstallationDomain(DEFAULT_DOMAIN), MX_HOST, DEFAULT_INBOX_LIMIT,
                        new DeliverOutboxService.Retry(Duration.ofSeconds(30), Duration.ofHours(1), 12)),
                clock);
    }

    /** Sending is exercised for real in bootstrap's system tests; here the controller's part: reading the request. */
    @Singleton
    RecordingSendMail sendMail() {
        return new RecordingSendMail();
    }
}
