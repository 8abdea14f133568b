package dev.openmail.adapters.console;

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

/**
 * The real use cases on one in-memory store, in place of bootstrap's wiring on the database, as the REST adapter's
 * controller tests have them: the console is exercised over HTTP with everything below it real except persistence.
 * {@link ConsoleTestUseCases} hands each use case of {@link UseCases} to Micronaut.
 */
@Factory
final class ConsoleTestFactory {

    static final DomainName DEFAULT_DOMAIN = new DomainName("openmail.test");
    static final MxHost MX_HOST = new MxHost(new DomainName("mx.openmail.test"));

    private final Clock clock = Clock.systemUTC();

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
    InstallationDomain installationDomain() {
        return new InstallationDomain(DEFAULT_DOMAIN);
    }

    @Singleton
    UseCases useCases(InMemoryStore store, InMemoryTransactions transactions, FakeDnsLookup dns,
                      InstallationDomain installationDomain) {
        return new UseCases(InMemoryPorts.over(store, transactions, dns),
                new UseCases.Settings(installationDomain, MX_HOST, new InboxLimit(100),
                        new DeliverOutboxService.Retry(Duration.ofSeconds(30), Duration.ofHours(1), 12)),
                clock);
    }
}
