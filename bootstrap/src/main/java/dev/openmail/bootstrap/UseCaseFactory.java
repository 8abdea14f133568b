package dev.openmail.bootstrap;

import dev.openmail.application.account.AuthenticateApiKeyService;
import dev.openmail.application.apikey.IssueApiKeyService;
import dev.openmail.application.apikey.ListApiKeysService;
import dev.openmail.application.apikey.RevokeApiKeyService;
import dev.openmail.application.account.EnsureBootstrapAccountService;
import dev.openmail.application.account.ListAccountsService;
import dev.openmail.application.account.OpenAccountService;
import dev.openmail.application.account.UpdateAccountService;
import dev.openmail.application.inbox.CreateInboxService;
import dev.openmail.application.inbox.DeleteInboxService;
import dev.openmail.application.inbox.GetInboxService;
import dev.openmail.application.inbox.ListInboxesService;
import dev.openmail.application.inbox.UpdateInboxService;
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
import dev.openmail.domain.port.in.AddDomain;
import dev.openmail.domain.port.in.AuthenticateApiKey;
import dev.openmail.domain.port.in.CreateInbox;
import dev.openmail.domain.port.in.DeleteDomain;
import dev.openmail.domain.port.in.DeleteInbox;
import dev.openmail.domain.port.in.GetDomain;
import dev.openmail.domain.port.in.GetInbox;
import dev.openmail.domain.port.in.ListDomains;
import dev.openmail.domain.port.in.ListInboxes;
import dev.openmail.domain.port.in.RescopeDomain;
import dev.openmail.domain.port.in.UpdateInbox;
import dev.openmail.domain.port.in.VerifyDomain;
import dev.openmail.domain.port.in.CreatePod;
import dev.openmail.domain.port.in.DeletePod;
import dev.openmail.domain.port.in.EnsureBootstrapAccount;
import dev.openmail.domain.port.in.GetPod;
import dev.openmail.domain.port.in.IssueApiKey;
import dev.openmail.domain.port.in.ListApiKeys;
import dev.openmail.domain.port.in.RevokeApiKey;
import dev.openmail.domain.port.in.ListAccounts;
import dev.openmail.domain.port.in.ListPods;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.UpdateAccount;
import dev.openmail.domain.port.in.UpdatePod;
import dev.openmail.domain.port.out.CountInboxes;
import dev.openmail.domain.port.out.DnsLookup;
import dev.openmail.domain.port.out.InspectPodContents;
import dev.openmail.domain.port.out.LoadDomains;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.SaveDomain;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.LoadAccounts;
import dev.openmail.domain.port.out.LoadApiKeys;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.RemovePod;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveApiKey;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.Transactions;
import dev.openmail.domain.maildomain.InstallationDomain;
import dev.openmail.domain.maildomain.MxHost;
import dev.openmail.application.mail.GetAttachmentService;
import dev.openmail.application.mail.GetRawMessageService;
import dev.openmail.application.mail.GetThreadMessagesService;
import dev.openmail.application.mail.ListMessagesService;
import dev.openmail.application.mail.ListThreadsService;
import dev.openmail.application.mail.ReceiveMailService;
import dev.openmail.application.mail.UpdateThreadService;
import dev.openmail.domain.port.in.GetAttachment;
import dev.openmail.domain.port.in.GetRawMessage;
import dev.openmail.domain.port.in.GetThreadMessages;
import dev.openmail.domain.port.in.ListMessages;
import dev.openmail.domain.port.in.ListThreads;
import dev.openmail.domain.port.in.ReceiveMail;
import dev.openmail.domain.port.in.UpdateThread;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.ParseMail;
import dev.openmail.domain.port.out.ReadHtml;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.application.mail.DeliverOutboxService;
import dev.openmail.application.mail.SendMailService;
import dev.openmail.domain.port.in.DeliverOutbox;
import dev.openmail.domain.port.in.SendMail;
import dev.openmail.domain.port.out.ComposeMail;
import dev.openmail.domain.port.out.IdempotentSends;
import dev.openmail.domain.port.out.Outbox;
import dev.openmail.domain.port.out.RelayMail;
import dev.openmail.domain.port.out.SignMail;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * Builds the use cases, which are plain classes without framework annotations. Each use case opens its own
 * transaction through the Transactions port, so nothing here needs interception.
 */
@Factory
final class UseCaseFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    InstallationDomain installationDomain(OpenMailSettings settings) {
        return settings.defaultDomain();
    }

    @Singleton
    MxHost mxHost(OpenMailSettings settings) {
        return settings.mxHost();
    }

    @Singleton
    CreatePod createPod(Transactions transactions, SavePod savePod, Clock clock) {
        return new CreatePodService(transactions, savePod, clock);
    }

    @Singleton
    ListPods listPods(Transactions transactions, LoadPods loadPods) {
        return new ListPodsService(transactions, loadPods);
    }

    @Singleton
    GetPod getPod(LoadPods loadPods) {
        return new GetPodService(loadPods);
    }

    @Singleton
    UpdatePod updatePod(Transactions transactions, LoadPods loadPods, SavePod savePod) {
        return new UpdatePodService(transactions, loadPods, savePod);
    }

    @Singleton
    DeletePod deletePod(Transactions transactions, LoadPods loadPods, InspectPodContents contents, RemovePod removePod) {
        return new DeletePodService(transactions, loadPods, contents, removePod);
    }

    @Singleton
    OpenAccount openAccount(Transactions transactions, SaveAccount saveAccount, SavePod savePod,
                                   SaveApiKey saveApiKey, OpenMailSettings settings, Clock clock) {
        return new OpenAccountService(transactions, saveAccount, savePod, saveApiKey, settings.defaultInboxLimit(), clock);
    }

    @Singleton
    EnsureBootstrapAccount ensureBootstrapAccount(LoadAccounts loadAccounts, LoadApiKeys loadApiKeys,
                                                  OpenAccount openAccount) {
        return new EnsureBootstrapAccountService(loadAccounts, loadApiKeys, openAccount);
    }

    @Singleton
    ListAccounts listAccounts(Transactions transactions, LoadAccounts loadAccounts) {
        return new ListAccountsService(transactions, loadAccounts);
    }

    @Singleton
    UpdateAccount updateAccount(Transactions transactions, LoadAccounts loadAccounts, SaveAccount saveAccount) {
        return new UpdateAccountService(transactions, loadAccounts, saveAccount);
    }

    @Singleton
    CreateInbox createInbox(Transactions transactions, CountInboxes countInboxes, LoadPods loadPods,
                            LoadDomains loadDomains, SaveInbox saveInbox, OpenMailSettings settings, Clock clock) {
        return new CreateInboxService(transactions, countInboxes, loadPods, loadDomains, saveInbox,
                settings.defaultDomain(), clock);
    }

    @Singleton
    ListInboxes listInboxes(Transactions transactions, LoadPods loadPods, LoadInboxes loadInboxes) {
        return new ListInboxesService(transactions, loadPods, loadInboxes);
    }

    @Singleton
    GetInbox getInbox(LoadInboxes loadInboxes) {
        return new GetInboxService(loadInboxes);
    }

    @Singleton
    UpdateInbox updateInbox(Transactions transactions, LoadInboxes loadInboxes, SaveInbox saveInbox) {
        return new UpdateInboxService(transactions, loadInboxes, saveInbox);
    }

    @Singleton
    DeleteInbox deleteInbox(Transactions transactions, LoadInboxes loadInboxes, SaveInbox saveInbox) {
        return new DeleteInboxService(transactions, loadInboxes, saveInbox);
    }

    @Singleton
    AddDomain addDomain(Transactions transactions, LoadAccounts loadAccounts, LoadPods loadPods, SaveDomain saveDomain,
                        OpenMailSettings settings, Clock clock) {
        return new AddDomainService(transactions, loadAccounts, loadPods, saveDomain, settings.defaultDomain(), clock);
    }

    @Singleton
    ListDomains listDomains(Transactions transactions, LoadPods loadPods, LoadDomains loadDomains) {
        return new ListDomainsService(transactions, loadPods, loadDomains);
    }

    @Singleton
    GetDomain getDomain(LoadDomains loadDomains) {
        return new GetDomainService(loadDomains);
    }

    @Singleton
    RescopeDomain rescopeDomain(Transactions transactions, LoadDomains loadDomains, LoadPods loadPods,
                                LoadInboxes loadInboxes, SaveDomain saveDomain) {
        return new RescopeDomainService(transactions, loadDomains, loadPods, loadInboxes, saveDomain);
    }

    @Singleton
    DeleteDomain deleteDomain(Transactions transactions, LoadDomains loadDomains, LoadInboxes loadInboxes,
                              SaveDomain saveDomain) {
        return new DeleteDomainService(transactions, loadDomains, loadInboxes, saveDomain);
    }

    @Singleton
    VerifyDomain verifyDomain(Transactions transactions, LoadDomains loadDomains, SaveDomain saveDomain, DnsLookup dns,
                              MxHost mxHost, Clock clock) {
        return new VerifyDomainService(transactions, loadDomains, saveDomain, dns, mxHost, clock);
    }

    @Singleton
    AuthenticateApiKey authenticateApiKey(LoadApiKeys loadApiKeys, SaveApiKey saveApiKey, Clock clock) {
        return new AuthenticateApiKeyService(loadApiKeys, saveApiKey, clock);
    }

    @Singleton
    IssueApiKey issueApiKey(Transactions transactions, LoadAccounts loadAccounts, LoadPods loadPods,
                            LoadInboxes loadInboxes, LoadApiKeys loadApiKeys, SaveApiKey saveApiKey, Clock clock) {
        return new IssueApiKeyService(transactions, loadAccounts, loadPods, loadInboxes, loadApiKeys, saveApiKey, clock);
    }

    @Singleton
    ListApiKeys listApiKeys(Transactions transactions, LoadAccounts loadAccounts, LoadPods loadPods,
                            LoadInboxes loadInboxes, LoadApiKeys loadApiKeys) {
        return new ListApiKeysService(transactions, loadAccounts, loadPods, loadInboxes, loadApiKeys);
    }

    @Singleton
    RevokeApiKey revokeApiKey(Transactions transactions, LoadAccounts loadAccounts, LoadPods loadPods,
                              LoadInboxes loadInboxes, LoadApiKeys loadApiKeys, SaveApiKey saveApiKey) {
        return new RevokeApiKeyService(transactions, loadAccounts, loadPods, loadInboxes, loadApiKeys, saveApiKey);
    }

    @Singleton
    ReceiveMail receiveMail(Transactions transactions, LoadInboxes loadInboxes, LoadMail loadMail, SaveMail saveMail,
                            ParseMail parseMail, Clock clock) {
        return new ReceiveMailService(transactions, loadInboxes, loadMail, saveMail, parseMail, clock);
    }

    @Singleton
    ListMessages listMessages(Transactions transactions, LoadInboxes loadInboxes, LoadMail loadMail) {
        return new ListMessagesService(transactions, loadInboxes, loadMail);
    }

    @Singleton
    ListThreads listThreads(Transactions transactions, LoadInboxes loadInboxes, LoadMail loadMail) {
        return new ListThreadsService(transactions, loadInboxes, loadMail);
    }

    @Singleton
    GetThreadMessages getThreadMessages(Transactions transactions, LoadMail loadMail) {
        return new GetThreadMessagesService(transactions, loadMail);
    }

    @Singleton
    UpdateThread updateThread(Transactions transactions, LoadMail loadMail, SaveMail saveMail) {
        return new UpdateThreadService(transactions, loadMail, saveMail);
    }

    @Singleton
    GetAttachment getAttachment(Transactions transactions, LoadMail loadMail) {
        return new GetAttachmentService(transactions, loadMail);
    }

    @Singleton
    GetRawMessage getRawMessage(Transactions transactions, LoadMail loadMail) {
        return new GetRawMessageService(transactions, loadMail);
    }

    @Singleton
    SendMail sendMail(Transactions transactions, LoadInboxes loadInboxes, LoadDomains loadDomains, LoadMail loadMail,
                      SaveMail saveMail, ParseMail parseMail, ComposeMail composeMail, ReadHtml readHtml,
                      SignMail signMail, Outbox outbox, IdempotentSends idempotentSends, Clock clock) {
        return new SendMailService(transactions, loadInboxes, loadDomains, loadMail, saveMail, parseMail, composeMail,
                readHtml, signMail, outbox, idempotentSends, clock);
    }

    @Singleton
    DeliverOutbox deliverOutbox(Transactions transactions, Outbox outbox, LoadMail loadMail, SaveMail saveMail,
                                RelayMail relayMail, Clock clock,
                                @Value("${openmail.outbox.retry-base:30s}") Duration retryBase,
                                @Value("${openmail.outbox.retry-cap:1h}") Duration retryCap,
                                @Value("${openmail.outbox.max-attempts:12}") int maxAttempts,
                                @Value("${openmail.outbox.lease:2m}") Duration lease) {
        return new DeliverOutboxService(transactions, outbox, loadMail, saveMail, relayMail, clock,
                new DeliverOutboxService.Retry(retryBase, retryCap, maxAttempts, lease));
    }
}
