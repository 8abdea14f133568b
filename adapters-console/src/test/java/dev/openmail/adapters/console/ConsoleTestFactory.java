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
import dev.openmail.domain.port.in.AddDomain;
import dev.openmail.domain.port.in.AuthenticateApiKey;
import dev.openmail.domain.port.in.CreateInbox;
import dev.openmail.domain.port.in.CreatePod;
import dev.openmail.domain.port.in.DeleteDomain;
import dev.openmail.domain.port.in.DeleteInbox;
import dev.openmail.domain.port.in.DeletePod;
import dev.openmail.domain.port.in.GetDomain;
import dev.openmail.domain.port.in.GetInbox;
import dev.openmail.domain.port.in.GetPod;
import dev.openmail.domain.port.in.GetThreadMessages;
import dev.openmail.domain.port.in.IssueApiKey;
import dev.openmail.domain.port.in.ListDomains;
import dev.openmail.domain.port.in.ListInboxes;
import dev.openmail.domain.port.in.ListPods;
import dev.openmail.domain.port.in.ListThreads;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.RescopeDomain;
import dev.openmail.domain.port.in.RevokeApiKey;
import dev.openmail.domain.port.in.UpdatePod;
import dev.openmail.domain.port.in.VerifyDomain;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * The real use cases on one in-memory store, in place of bootstrap's wiring on the database, as the REST adapter's
 * controller tests have them: the console is exercised over HTTP with everything below it real except persistence.
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

    @Singleton
    OpenAccount openAccount(UseCases useCases) {
        return useCases.openAccount();
    }

    @Singleton
    AuthenticateApiKey authenticateApiKey(UseCases useCases) {
        return useCases.authenticateApiKey();
    }

    @Singleton
    IssueApiKey issueApiKey(UseCases useCases) {
        return useCases.issueApiKey();
    }

    @Singleton
    RevokeApiKey revokeApiKey(UseCases useCases) {
        return useCases.revokeApiKey();
    }

    @Singleton
    CreatePod createPod(UseCases useCases) {
        return useCases.createPod();
    }

    @Singleton
    ListPods listPods(UseCases useCases) {
        return useCases.listPods();
    }

    @Singleton
    GetPod getPod(UseCases useCases) {
        return useCases.getPod();
    }

    @Singleton
    UpdatePod updatePod(UseCases useCases) {
        return useCases.updatePod();
    }

    @Singleton
    DeletePod deletePod(UseCases useCases) {
        return useCases.deletePod();
    }

    @Singleton
    CreateInbox createInbox(UseCases useCases) {
        return useCases.createInbox();
    }

    @Singleton
    ListInboxes listInboxes(UseCases useCases) {
        return useCases.listInboxes();
    }

    @Singleton
    GetInbox getInbox(UseCases useCases) {
        return useCases.getInbox();
    }

    @Singleton
    DeleteInbox deleteInbox(UseCases useCases) {
        return useCases.deleteInbox();
    }

    @Singleton
    AddDomain addDomain(UseCases useCases) {
        return useCases.addDomain();
    }

    @Singleton
    ListDomains listDomains(UseCases useCases) {
        return useCases.listDomains();
    }

    @Singleton
    GetDomain getDomain(UseCases useCases) {
        return useCases.getDomain();
    }

    @Singleton
    RescopeDomain rescopeDomain(UseCases useCases) {
        return useCases.rescopeDomain();
    }

    @Singleton
    DeleteDomain deleteDomain(UseCases useCases) {
        return useCases.deleteDomain();
    }

    @Singleton
    VerifyDomain verifyDomain(UseCases useCases) {
        return useCases.verifyDomain();
    }

    @Singleton
    ListThreads listThreads(UseCases useCases) {
        return useCases.listThreads();
    }

    @Singleton
    GetThreadMessages getThreadMessages(UseCases useCases) {
        return useCases.getThreadMessages();
    }
}
