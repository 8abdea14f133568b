package dev.openmail.bootstrap;

import dev.openmail.application.UseCases;
import dev.openmail.application.mail.DeliverOutboxService;
import dev.openmail.application.mail.ReportedDeliveries;
import dev.openmail.application.webhook.DeliverWebhooksService;
import dev.openmail.domain.port.in.AddDomain;
import dev.openmail.domain.port.in.AuthenticateApiKey;
import dev.openmail.domain.port.in.CreateInbox;
import dev.openmail.domain.port.in.CreatePod;
import dev.openmail.domain.port.in.DeleteDomain;
import dev.openmail.domain.port.in.DeleteInbox;
import dev.openmail.domain.port.in.DeletePod;
import dev.openmail.domain.port.in.DeliverOutbox;
import dev.openmail.application.extraction.ExtractAttachmentsService;
import dev.openmail.domain.port.in.ExtractAttachments;
import dev.openmail.domain.port.in.GetAttachmentText;
import dev.openmail.domain.port.out.AttachmentTexts;
import dev.openmail.domain.port.out.ExtractionJobs;
import dev.openmail.domain.port.out.ExtractionPool;
import dev.openmail.domain.port.in.DeliverWebhooks;
import dev.openmail.domain.port.in.ExpirePendingDomains;
import dev.openmail.domain.port.in.ManageWebhooks;
import dev.openmail.domain.port.in.ManageSenderRules;
import dev.openmail.domain.port.in.EnsureBootstrapAccount;
import dev.openmail.domain.port.in.FollowEventLog;
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
import dev.openmail.domain.port.in.SearchMail;
import dev.openmail.domain.port.out.SearchMessages;
import dev.openmail.domain.port.in.ListPods;
import dev.openmail.domain.port.in.ListThreads;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ReceiveMail;
import dev.openmail.domain.port.in.GetUsage;
import dev.openmail.domain.port.out.StorageUsage;
import dev.openmail.domain.port.out.Suppressions;
import dev.openmail.domain.port.out.SendCounters;
import dev.openmail.domain.mail.SendLimits;
import dev.openmail.domain.port.in.ManageSendLimits;
import dev.openmail.domain.port.out.AccountSendLimits;
import dev.openmail.domain.port.out.ColdSendCounters;
import dev.openmail.domain.port.out.Correspondents;
import dev.openmail.domain.port.out.UnsubscribeLinks;
import dev.openmail.domain.port.in.Unsubscribe;
import dev.openmail.domain.port.in.ManageSuppressions;
import dev.openmail.domain.port.in.RescopeDomain;
import dev.openmail.domain.port.in.RevokeApiKey;
import dev.openmail.domain.port.in.SendMail;
import dev.openmail.domain.port.in.StreamEvents;
import dev.openmail.domain.port.in.WatchNewMail;
import dev.openmail.domain.port.in.UpdateAccount;
import dev.openmail.domain.port.in.UpdateInbox;
import dev.openmail.domain.port.in.UpdatePod;
import dev.openmail.domain.port.in.UpdateThread;
import dev.openmail.domain.port.in.VerifyDomain;
import dev.openmail.domain.port.out.AccountWebhooks;
import dev.openmail.domain.port.out.AnnounceRevokedKeys;
import dev.openmail.domain.port.out.ComposeMail;
import dev.openmail.domain.port.out.EventSubscribers;
import dev.openmail.domain.port.out.LoadEvents;
import dev.openmail.domain.port.out.PostWebhook;
import dev.openmail.domain.port.out.RenderEvents;
import dev.openmail.domain.port.out.WebhookDeliveries;
import dev.openmail.domain.port.out.CountInboxes;
import dev.openmail.domain.port.out.AuthenticateMail;
import dev.openmail.domain.port.out.ScanMail;
import dev.openmail.domain.port.out.DnsLookup;
import dev.openmail.domain.port.out.IdempotentSends;
import dev.openmail.domain.port.out.InspectPodContents;
import dev.openmail.domain.port.out.LoadAccounts;
import dev.openmail.domain.port.out.LoadApiKeys;
import dev.openmail.domain.port.out.LiveSubscribers;
import dev.openmail.domain.port.out.LoadDomains;
import dev.openmail.domain.port.out.LoadEvents;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.Outbox;
import dev.openmail.domain.port.out.ParseMail;
import dev.openmail.domain.port.out.ReadHtml;
import dev.openmail.domain.port.out.RecordEvents;
import dev.openmail.domain.port.out.TransmitMail;
import dev.openmail.domain.port.out.OutboundRecipients;
import dev.openmail.domain.port.out.ReadDeliveryReports;
import dev.openmail.domain.port.out.RemovePod;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveApiKey;
import dev.openmail.domain.port.out.SaveDomain;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.SenderRuleStore;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.SignMail;
import dev.openmail.domain.port.out.Transactions;
import dev.openmail.domain.maildomain.InstallationDomain;
import dev.openmail.domain.maildomain.MxHost;
import dev.openmail.domain.maildomain.PendingDomains;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * Hands the use cases to Micronaut. {@link UseCases} builds them, as plain classes without framework annotations,
 * from the outgoing ports found here as beans; each use case opens its own transaction through the Transactions port,
 * so nothing here needs interception.
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
    UseCases useCases(Transactions transactions, LoadAccounts loadAccounts, SaveAccount saveAccount,
                      LoadApiKeys loadApiKeys, SaveApiKey saveApiKey, LoadPods loadPods, SavePod savePod,
                      InspectPodContents podContents, RemovePod removePod, LoadInboxes loadInboxes,
                      SaveInbox saveInbox, CountInboxes countInboxes, LoadDomains loadDomains, SaveDomain saveDomain,
                      DnsLookup dns, LoadMail loadMail, SaveMail saveMail, ParseMail parseMail,
                      ComposeMail composeMail, ReadHtml readHtml, SignMail signMail, IdempotentSends idempotentSends, Outbox outbox,
                      TransmitMail transmitMail, RecordEvents recordEvents, LoadEvents loadEvents,
                      LiveSubscribers liveSubscribers, AnnounceRevokedKeys announceRevokedKeys,
                      WebhookDeliveries webhookDeliveries, AccountWebhooks accountWebhooks,
                      EventSubscribers eventSubscribers, RenderEvents renderEvents, PostWebhook postWebhook,
                      SenderRuleStore senderRules, AuthenticateMail authenticateMail, ScanMail scanMail,
                      StorageUsage storageUsage,
                      ExtractionJobs extractionJobs, AttachmentTexts attachmentTexts, ExtractionPool extractionPool,
                      Suppressions suppressions, UnsubscribeLinks unsubscribeLinks, SearchMessages searchMessages,
                      SendCounters sendCounters, Correspondents correspondents, ColdSendCounters coldSendCounters,
                      AccountSendLimits accountSendLimits, OutboundRecipients outboundRecipients,
                      ReadDeliveryReports readDeliveryReports,
                      @Value("${openmail.soft-bounce-limit:3}") int softBounceLimit,
                      @Value("${openmail.postmaster-address:}") String postmasterAddress,
                      @Value("${openmail.send-limits.burst-per-minute:10}") int sendBurstPerMinute,
                      @Value("${openmail.send-limits.daily-per-inbox:200}") int sendDailyPerInbox,
                      @Value("${openmail.send-limits.cold-per-inbox-new:20}") int coldPerInboxNew,
                      @Value("${openmail.send-limits.cold-per-account-new:30}") int coldPerAccountNew,
                      @Value("${openmail.send-limits.cold-per-account:100}") int coldPerAccount,
                      @Value("${openmail.extraction.event-wait:60s}") Duration extractionEventWait,
                      @Value("${openmail.extraction.lease:5m}") Duration extractionLease,
                      @Value("${openmail.extraction.max-attempts:3}") int extractionMaxAttempts,
                      @Value("${openmail.extraction.on-demand-wait:5s}") Duration extractionOnDemandWait,
                      OpenMailSettings settings,
                      Clock clock,
                      @Value("${openmail.outbox.retry-base:30s}") Duration retryBase,
                      @Value("${openmail.outbox.retry-cap:1h}") Duration retryCap,
                      @Value("${openmail.outbox.max-attempts:12}") int maxAttempts,
                      @Value("${openmail.outbox.lease:10m}") Duration lease,
                      @Value("${openmail.webhooks.lease:1m}") Duration webhookLease,
                      @Value("${openmail.webhooks.per-host-workers:2}") int perHostWorkers,
                      @Value("${openmail.domains.max-pending:20}") int maxPendingDomains,
                      @Value("${openmail.domains.pending-ttl:7d}") Duration pendingDomainTtl) {
        return new UseCases(
                new UseCases.Ports(transactions, loadAccounts, saveAccount, loadApiKeys, saveApiKey, loadPods, savePod,
                        podContents, removePod, loadInboxes, saveInbox, countInboxes, loadDomains, saveDomain, dns,
                        loadMail, saveMail, parseMail, composeMail, readHtml, signMail, idempotentSends, outbox, transmitMail,
                        recordEvents, loadEvents, liveSubscribers, announceRevokedKeys, webhookDeliveries,
                        accountWebhooks, eventSubscribers, renderEvents, postWebhook, senderRules, authenticateMail,
                        scanMail, storageUsage, extractionJobs, attachmentTexts, extractionPool, suppressions,
                        unsubscribeLinks, searchMessages, sendCounters, correspondents, coldSendCounters,
                        accountSendLimits, outboundRecipients, readDeliveryReports),
                new UseCases.Settings(settings.defaultDomain(), settings.mxHost(), settings.defaultInboxLimit(),
                        new DeliverOutboxService.Retry(retryBase, retryCap, maxAttempts, lease),
                        new DeliverWebhooksService.Settings(webhookLease, perHostWorkers, Duration.ofSeconds(2)),
                        new PendingDomains(maxPendingDomains, pendingDomainTtl), settings.storageQuotas(),
                        new ExtractAttachmentsService.Settings(extractionEventWait, extractionLease,
                                extractionMaxAttempts, extractionOnDemandWait),
                        new SendLimits(sendBurstPerMinute, sendDailyPerInbox, coldPerInboxNew, coldPerAccountNew,
                                coldPerAccount),
                        new ReportedDeliveries.Settings(softBounceLimit, postmasterAddress)),
                clock);
    }

    @Singleton
    ExtractAttachments extractAttachments(UseCases useCases) {
        return useCases.extractAttachments();
    }

    @Singleton
    GetAttachmentText getAttachmentText(UseCases useCases) {
        return useCases.getAttachmentText();
    }

    @Singleton
    ManageSendLimits manageSendLimits(UseCases useCases) {
        return useCases.manageSendLimits();
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
    EnsureBootstrapAccount ensureBootstrapAccount(UseCases useCases) {
        return useCases.ensureBootstrapAccount();
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
    ReceiveMail receiveMail(UseCases useCases) {
        return useCases.receiveMail();
    }

    @Singleton
    ListMessages listMessages(UseCases useCases) {
        return useCases.listMessages();
    }

    @Singleton
    SearchMail searchMail(UseCases useCases) {
        return useCases.searchMail();
    }

    @Singleton
    ListThreads listThreads(UseCases useCases) {
        return useCases.listThreads();
    }

    @Singleton
    WatchNewMail watchNewMail(UseCases useCases) {
        return useCases.watchNewMail();
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

    @Singleton
    SendMail sendMail(UseCases useCases) {
        return useCases.sendMail();
    }

    @Singleton
    DeliverOutbox deliverOutbox(UseCases useCases) {
        return useCases.deliverOutbox();
    }

    @Singleton
    DeliverWebhooks deliverWebhooks(UseCases useCases) {
        return useCases.deliverWebhooks();
    }

    @Singleton
    ManageWebhooks manageWebhooks(UseCases useCases) {
        return useCases.manageWebhooks();
    }

    @Singleton
    StreamEvents streamEvents(UseCases useCases) {
        return useCases.streamEvents();
    }

    @Singleton
    FollowEventLog followEventLog(UseCases useCases) {
        return useCases.followEventLog();
    }

    @Singleton
    ExpirePendingDomains expirePendingDomains(UseCases useCases) {
        return useCases.expirePendingDomains();
    }

    @Singleton
    ManageSenderRules manageSenderRules(UseCases useCases) {
        return useCases.manageSenderRules();
    }

    @Singleton
    ManageSuppressions manageSuppressions(UseCases useCases) {
        return useCases.manageSuppressions();
    }

    @Singleton
    Unsubscribe unsubscribe(UseCases useCases) {
        return useCases.unsubscribe();
    }

    @Singleton
    GetUsage getUsage(UseCases useCases) {
        return useCases.getUsage();
    }
}
