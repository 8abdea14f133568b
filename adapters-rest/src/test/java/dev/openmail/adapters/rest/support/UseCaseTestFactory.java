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
import dev.openmail.domain.port.in.AddDomain;
import dev.openmail.domain.port.in.AuthenticateApiKey;
import dev.openmail.domain.port.in.CreateInbox;
import dev.openmail.domain.port.in.CreatePod;
import dev.openmail.domain.port.in.DeleteDomain;
import dev.openmail.domain.port.in.DeleteInbox;
import dev.openmail.domain.port.in.DeletePod;
import dev.openmail.domain.port.in.GetAttachment;
import dev.openmail.domain.port.in.GetDomain;
import dev.openmail.domain.port.in.GetInbox;
import dev.openmail.domain.port.in.GetPod;
import dev.openmail.domain.port.in.GetRawMessage;
import dev.openmail.domain.port.in.GetThreadMessages;
import dev.openmail.domain.port.in.IssueApiKey;
import dev.openmail.domain.port.in.ListAccounts;
import dev.openmail.domain.port.in.ListApiKeys;
import dev.openmail.domain.port.in.ListDomains;
import dev.openmail.domain.port.in.ListInboxes;
import dev.openmail.domain.port.in.ListMessages;
import dev.openmail.domain.port.in.ListPods;
import dev.openmail.domain.port.in.ListThreads;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.RescopeDomain;
import dev.openmail.domain.port.in.RevokeApiKey;
import dev.openmail.domain.port.in.UpdateAccount;
import dev.openmail.domain.port.in.UpdateInbox;
import dev.openmail.domain.port.in.UpdatePod;
import dev.openmail.domain.port.in.UpdateThread;
import dev.openmail.domain.port.in.VerifyDomain;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The real use cases on one in-memory store, in place of bootstrap's wiring on the database: the controllers are
 * exercised over HTTP with everything below them real except persistence.
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
    UpdateInbox updateInbox(UseCases useCases) {
        return useCases.updateInbox();
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
    OpenAccount openAccount(UseCases useCases) {
        return useCases.openAccount();
    }

    @Singleton
    ListAccounts listAccounts(UseCases useCases) {
        return useCases.listAccounts();
    }

    @Singleton
    UpdateAccount updateAccount(UseCases useCases) {
        return useCases.updateAccount();
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
    ListApiKeys listApiKeys(UseCases useCases) {
        return useCases.listApiKeys();
    }

    @Singleton
    RevokeApiKey revokeApiKey(UseCases useCases) {
        return useCases.revokeApiKey();
    }

    @Singleton
    ListMessages listMessages(UseCases useCases) {
        return useCases.listMessages();
    }

    @Singleton
    ListThreads listThreads(UseCases useCases) {
        return useCases.listThreads();
    }

    @Singleton
    GetThreadMessages getThreadMessages(UseCases useCases) {
        return useCases.getThreadMessages();
    }

    @Singleton
    UpdateThread updateThread(UseCases useCases) {
        return useCases.updateThread();
    }

    @Singleton
    GetAttachment getAttachment(UseCases useCases) {
        return useCases.getAttachment();
    }

    @Singleton
    GetRawMessage getRawMessage(UseCases useCases) {
        return useCases.getRawMessage();
    }

    /** Sending is exercised for real in bootstrap's system tests; here the controller's part: reading the request. */
    @Singleton
    RecordingSendMail sendMail() {
        return new RecordingSendMail();
    }
}
