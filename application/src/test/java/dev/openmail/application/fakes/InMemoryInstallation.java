package dev.openmail.application.fakes;

import dev.openmail.application.UseCases;
import dev.openmail.application.mail.DeliverOutboxService;
import dev.openmail.application.webhook.DeliverWebhooksService;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.maildomain.InstallationDomain;
import dev.openmail.domain.maildomain.MxHost;
import dev.openmail.domain.maildomain.PendingDomains;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An installation on in-memory fakes, as the adapters' tests run it in place of bootstrap's wiring on the database:
 * one store, its transactions, a DNS that answers what a test publishes, the settings, and every use case that
 * {@link UseCases} builds over them. The tests hand {@link #beans()} to their framework.
 */
public final class InMemoryInstallation {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryTransactions transactions = new InMemoryTransactions(store);
    private final FakeDnsLookup dns = new FakeDnsLookup();
    private final InstallationDomain installationDomain;
    private final MxHost mxHost;
    private final UseCases.Ports ports;
    private final UseCases useCases;

    public InMemoryInstallation(InstallationDomain installationDomain, MxHost mxHost, InboxLimit defaultInboxLimit,
                                Clock clock) {
        this.installationDomain = installationDomain;
        this.mxHost = mxHost;
        this.ports = InMemoryPorts.over(store, transactions, dns);
        this.useCases = new UseCases(ports,
                new UseCases.Settings(installationDomain, mxHost, defaultInboxLimit,
                        new DeliverOutboxService.Retry(Duration.ofSeconds(30), Duration.ofHours(1), 12),
                        DeliverWebhooksService.Settings.DEFAULT, PendingDomains.DEFAULT),
                clock);
    }

    /**
     * Every object a test may be given, by its type: the fakes, the settings, {@link UseCases}, and each use case by
     * the port it implements (built when first asked for).
     */
    public Map<Class<?>, Supplier<?>> beans() {
        Map<Class<?>, Supplier<?>> beans = new LinkedHashMap<>();
        beans.put(InMemoryStore.class, () -> store);
        beans.put(InMemoryTransactions.class, () -> transactions);
        beans.put(FakeDnsLookup.class, () -> dns);
        beans.put(InstallationDomain.class, () -> installationDomain);
        beans.put(MxHost.class, () -> mxHost);
        beans.put(UseCases.class, () -> useCases);
        beans.put(ScriptedWebhooks.class, ports::postWebhook);
        UseCases.PORTS.forEach(port -> beans.put(port, () -> useCases.build(port)));
        return beans;
    }
}
