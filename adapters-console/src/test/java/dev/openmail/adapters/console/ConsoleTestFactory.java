package dev.openmail.adapters.console;

import dev.openmail.application.account.AuthenticateApiKeyService;
import dev.openmail.application.account.OpenAccountService;
import dev.openmail.application.apikey.IssueApiKeyService;
import dev.openmail.application.apikey.ListApiKeysService;
import dev.openmail.application.apikey.RevokeApiKeyService;
import dev.openmail.application.fakes.FakeDnsLookup;
import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.application.fakes.InMemoryTransactions;
import dev.openmail.application.inbox.CreateInboxService;
import dev.openmail.application.inbox.DeleteInboxService;
import dev.openmail.application.inbox.GetInboxService;
import dev.openmail.application.inbox.ListInboxesService;
import dev.openmail.application.mail.GetThreadMessagesService;
import dev.openmail.application.mail.ListThreadsService;
import dev.openmail.application.maildomain.AddDomainService;
import dev.openmail.application.maildomain.DeleteDomainService;
import dev.openmail.application.maildomain.GetDomainService;
import dev.openmail.application.maildomain.ListDomainsService;
import dev.openmail.application.maildomain.RescopeDomainService;
import dev.openmail.application.maildomain.VerifyDomainService;
import dev.openmail.application.pod.CreatePodService;
import dev.openmail.application.pod.DeletePodService;
import dev.openmail.application.pod.GetPodService;
import dev.openmail.application.pod.ListPodsService;
import dev.openmail.application.pod.UpdatePodService;
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
import dev.openmail.domain.port.in.ListApiKeys;
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
    OpenAccount openAccount(InMemoryTransactions transactions, InMemoryStore store) {
        return new OpenAccountService(transactions, store, store, store, new InboxLimit(100), clock);
    }

    @Singleton
    AuthenticateApiKey authenticateApiKey(InMemoryStore store) {
        return new AuthenticateApiKeyService(store, store, clock);
    }

    @Singleton
    IssueApiKey issueApiKey(InMemoryTransactions transactions, InMemoryStore store) {
        return new IssueApiKeyService(transactions, store, store, store, store, store, clock);
    }

    @Singleton
    ListApiKeys listApiKeys(InMemoryTransactions transactions, InMemoryStore store) {
        return new ListApiKeysService(transactions, store, store, store, store);
    }

    @Singleton
    RevokeApiKey revokeApiKey(InMemoryTransactions transactions, InMemoryStore store) {
        return new RevokeApiKeyService(transactions, store, store, store, store, store);
    }

    @Singleton
    CreatePod createPod(InMemoryTransactions transactions, InMemoryStore store) {
        return new CreatePodService(transactions, store, clock);
    }

    @Singleton
    ListPods listPods(InMemoryTransactions transactions, InMemoryStore store) {
        return new ListPodsService(transactions, store);
    }

    @Singleton
    GetPod getPod(InMemoryStore store) {
        return new GetPodService(store);
    }

    @Singleton
    UpdatePod updatePod(InMemoryTransactions transactions, InMemoryStore store) {
        return new UpdatePodService(transactions, store, store);
    }

    @Singleton
    DeletePod deletePod(InMemoryTransactions transactions, InMemoryStore store) {
        return new DeletePodService(transactions, store, store, store);
    }

    @Singleton
    CreateInbox createInbox(InMemoryStore store, InMemoryTransactions transactions, InstallationDomain domain) {
        return new CreateInboxService(transactions, store, store, store.domains(), store, domain, clock);
    }

    @Singleton
    ListInboxes listInboxes(InMemoryStore store, InMemoryTransactions transactions) {
        return new ListInboxesService(transactions, store, store);
    }

    @Singleton
    GetInbox getInbox(InMemoryStore store) {
        return new GetInboxService(store);
    }

    @Singleton
    DeleteInbox deleteInbox(InMemoryStore store, InMemoryTransactions transactions) {
        return new DeleteInboxService(transactions, store, store);
    }

    @Singleton
    AddDomain addDomain(InMemoryStore store, InMemoryTransactions transactions, InstallationDomain domain) {
        return new AddDomainService(transactions, store, store, store.domains(), domain, clock);
    }

    @Singleton
    ListDomains listDomains(InMemoryStore store, InMemoryTransactions transactions) {
        return new ListDomainsService(transactions, store, store.domains());
    }

    @Singleton
    GetDomain getDomain(InMemoryStore store) {
        return new GetDomainService(store.domains());
    }

    @Singleton
    RescopeDomain rescopeDomain(InMemoryStore store, InMemoryTransactions transactions) {
        return new RescopeDomainService(transactions, store.domains(), store, store, store.domains());
    }

    @Singleton
    DeleteDomain deleteDomain(InMemoryStore store, InMemoryTransactions transactions) {
        return new DeleteDomainService(transactions, store.domains(), store, store.domains());
    }

    @Singleton
    VerifyDomain verifyDomain(InMemoryStore store, InMemoryTransactions transactions, FakeDnsLookup dns) {
        return new VerifyDomainService(transactions, store.domains(), store.domains(), dns, MX_HOST, clock);
    }

    @Singleton
    ListThreads listThreads(InMemoryTransactions transactions, InMemoryStore store) {
        return new ListThreadsService(transactions, store, store.mail());
    }

    @Singleton
    GetThreadMessages getThreadMessages(InMemoryTransactions transactions, InMemoryStore store) {
        return new GetThreadMessagesService(transactions, store.mail());
    }
}
