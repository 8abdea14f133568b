package dev.openmail.application;

import dev.openmail.application.account.AuthenticateApiKeyService;
import dev.openmail.application.account.RecentKeys;
import dev.openmail.application.account.EnsureBootstrapAccountService;
import dev.openmail.application.account.ListAccountsService;
import dev.openmail.application.account.OpenAccountService;
import dev.openmail.application.account.UpdateAccountService;
import dev.openmail.application.apikey.IssueApiKeyService;
import dev.openmail.application.apikey.ListApiKeysService;
import dev.openmail.application.apikey.RevokeApiKeyService;
import dev.openmail.application.event.FollowEventLogService;
import dev.openmail.application.event.StreamEventsService;
import dev.openmail.application.inbox.CreateInboxService;
import dev.openmail.application.inbox.DeleteInboxService;
import dev.openmail.application.inbox.GetInboxService;
import dev.openmail.application.inbox.ListInboxesService;
import dev.openmail.application.inbox.UpdateInboxService;
import dev.openmail.application.mail.DeliverOutboxService;
import dev.openmail.application.mail.ReportedDeliveries;
import dev.openmail.application.mail.ReceiveServerMail;
import dev.openmail.application.mail.GetAttachmentService;
import dev.openmail.application.mail.GetRawMessageService;
import dev.openmail.application.mail.GetThreadMessagesService;
import dev.openmail.application.mail.ListMessagesService;
import dev.openmail.application.mail.SearchMailService;
import dev.openmail.domain.port.in.SearchMail;
import dev.openmail.domain.port.out.SearchMessages;
import dev.openmail.application.mail.ListThreadsService;
import dev.openmail.application.mail.WatchNewMailService;
import dev.openmail.application.mail.ReceiveMailService;
import dev.openmail.application.extraction.ExtractAttachmentsService;
import dev.openmail.application.extraction.GetAttachmentTextService;
import dev.openmail.domain.port.in.ExtractAttachments;
import dev.openmail.domain.port.in.GetAttachmentText;
import dev.openmail.domain.port.out.AttachmentTexts;
import dev.openmail.domain.port.out.ExtractionJobs;
import dev.openmail.domain.port.out.ExtractionPool;
import dev.openmail.domain.port.out.AuthenticateMail;
import dev.openmail.domain.port.out.ScanMail;
import dev.openmail.application.mail.SendMailService;
import dev.openmail.application.mail.UpdateThreadService;
import dev.openmail.application.maildomain.AddDomainService;
import dev.openmail.application.maildomain.DeleteDomainService;
import dev.openmail.application.maildomain.ExpirePendingDomainsService;
import dev.openmail.application.maildomain.GetDomainService;
import dev.openmail.application.maildomain.ListDomainsService;
import dev.openmail.application.maildomain.RescopeDomainService;
import dev.openmail.application.maildomain.VerifyDomainService;
import dev.openmail.application.pod.CreatePodService;
import dev.openmail.application.pod.DeletePodService;
import dev.openmail.application.pod.GetPodService;
import dev.openmail.application.pod.ListPodsService;
import dev.openmail.application.pod.UpdatePodService;
import dev.openmail.application.webhook.DeliverWebhooksService;
import dev.openmail.application.webhook.ManageWebhooksService;
import dev.openmail.application.senderrule.ManageSenderRulesService;
import dev.openmail.domain.port.in.ManageSenderRules;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.maildomain.InstallationDomain;
import dev.openmail.domain.maildomain.MxHost;
import dev.openmail.domain.maildomain.PendingDomains;
import dev.openmail.domain.port.in.AddDomain;
import dev.openmail.domain.port.in.AuthenticateApiKey;
import dev.openmail.domain.port.in.CreateInbox;
import dev.openmail.domain.port.in.CreatePod;
import dev.openmail.domain.port.in.DeleteDomain;
import dev.openmail.domain.port.in.DeleteInbox;
import dev.openmail.domain.port.in.DeletePod;
import dev.openmail.domain.port.in.DeliverOutbox;
import dev.openmail.domain.port.in.DeliverWebhooks;
import dev.openmail.domain.port.in.ManageWebhooks;
import dev.openmail.domain.port.in.EnsureBootstrapAccount;
import dev.openmail.domain.port.in.ExpirePendingDomains;
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
import dev.openmail.domain.port.in.ListPods;
import dev.openmail.domain.port.in.ListThreads;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ReceiveMail;
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
import dev.openmail.domain.port.out.Suppressions;
import dev.openmail.domain.port.out.SendCounters;
import dev.openmail.domain.port.out.Correspondents;
import dev.openmail.domain.port.out.ColdSendCounters;
import dev.openmail.domain.port.out.AccountSendLimits;
import dev.openmail.domain.port.in.ManageSendLimits;
import dev.openmail.application.mail.ColdOutreach;
import dev.openmail.application.mail.ManageSendLimitsService;
import dev.openmail.domain.mail.SendLimits;
import dev.openmail.domain.port.out.UnsubscribeLinks;
import dev.openmail.domain.port.in.Unsubscribe;
import dev.openmail.application.suppression.UnsubscribeService;
import dev.openmail.domain.port.in.ManageSuppressions;
import dev.openmail.application.suppression.ManageSuppressionsService;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.SignMail;
import dev.openmail.domain.port.out.Transactions;
import dev.openmail.application.usage.GetUsageService;
import dev.openmail.domain.port.in.GetUsage;
import dev.openmail.domain.port.out.StorageUsage;
import dev.openmail.domain.usage.StorageQuotas;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one place that builds every use case from the outgoing ports and the installation's settings. Bootstrap hands
 * what it builds to Micronaut, and the adapters' tests build it on their in-memory fakes, so a use case that needs
 * another dependency changes here and nowhere else.
 *
 * <p>Each method builds a new instance; the caller keeps the one it uses. Wiring that registers the use cases in a
 * loop takes {@link #PORTS} and {@link #build(Class)}, which are these methods by the port each one returns.
 */
public final class UseCases {

    private static final Map<Class<?>, Method> BUILDERS = Arrays.stream(UseCases.class.getDeclaredMethods())
            .filter(method -> Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers()))
            .filter(method -> method.getParameterCount() == 0 && method.getReturnType().isInterface())
            .collect(Collectors.toUnmodifiableMap(Method::getReturnType, method -> method));

    /** The incoming port of every use case built here. */
    public static final Set<Class<?>> PORTS = BUILDERS.keySet();

    /** Every outgoing port a use case may need. */
    public record Ports(Transactions transactions,
                        LoadAccounts loadAccounts, SaveAccount saveAccount,
                        LoadApiKeys loadApiKeys, SaveApiKey saveApiKey,
                        LoadPods loadPods, SavePod savePod, InspectPodContents podContents, RemovePod removePod,
                        LoadInboxes loadInboxes, SaveInbox saveInbox, CountInboxes countInboxes,
                        LoadDomains loadDomains, SaveDomain saveDomain, DnsLookup dns,
                        LoadMail loadMail, SaveMail saveMail, ParseMail parseMail,
                        ComposeMail composeMail, ReadHtml readHtml, SignMail signMail, IdempotentSends idempotentSends,
                        Outbox outbox, TransmitMail transmitMail, RecordEvents recordEvents, LoadEvents loadEvents,
                        LiveSubscribers liveSubscribers, AnnounceRevokedKeys announceRevokedKeys,
                        WebhookDeliveries webhookDeliveries, AccountWebhooks accountWebhooks,
                        EventSubscribers eventSubscribers, RenderEvents renderEvents, PostWebhook postWebhook,
                        SenderRuleStore senderRules, AuthenticateMail authenticateMail, ScanMail scanMail,
                        StorageUsage storageUsage,
                        ExtractionJobs extractionJobs, AttachmentTexts attachmentTexts, ExtractionPool extractionPool,
                        Suppressions suppressions, UnsubscribeLinks unsubscribeLinks, SearchMessages searchMessages,
                        SendCounters sendCounters, Correspondents correspondents, ColdSendCounters coldSendCounters,
                        AccountSendLimits accountSendLimits, OutboundRecipients outboundRecipients,
                        ReadDeliveryReports readDeliveryReports) {

        public Ports {
            Objects.requireNonNull(outboundRecipients, "outboundRecipients");
            Objects.requireNonNull(readDeliveryReports, "readDeliveryReports");
            Objects.requireNonNull(correspondents, "correspondents");
            Objects.requireNonNull(coldSendCounters, "coldSendCounters");
            Objects.requireNonNull(accountSendLimits, "accountSendLimits");
            Objects.requireNonNull(sendCounters, "sendCounters");
            Objects.requireNonNull(suppressions, "suppressions");
            Objects.requireNonNull(unsubscribeLinks, "unsubscribeLinks");
            Objects.requireNonNull(searchMessages, "searchMessages");
            Objects.requireNonNull(extractionJobs, "extractionJobs");
            Objects.requireNonNull(attachmentTexts, "attachmentTexts");
            Objects.requireNonNull(extractionPool, "extractionPool");
            Objects.requireNonNull(storageUsage, "storageUsage");
            Objects.requireNonNull(authenticateMail, "authenticateMail");
            Objects.requireNonNull(transactions, "transactions");
            Objects.requireNonNull(loadAccounts, "loadAccounts");
            Objects.requireNonNull(saveAccount, "saveAccount");
            Objects.requireNonNull(loadApiKeys, "loadApiKeys");
            Objects.requireNonNull(saveApiKey, "saveApiKey");
            Objects.requireNonNull(loadPods, "loadPods");
            Objects.requireNonNull(savePod, "savePod");
            Objects.requireNonNull(podContents, "podContents");
            Objects.requireNonNull(removePod, "removePod");
            Objects.requireNonNull(loadInboxes, "loadInboxes");
            Objects.requireNonNull(saveInbox, "saveInbox");
            Objects.requireNonNull(countInboxes, "countInboxes");
            Objects.requireNonNull(loadDomains, "loadDomains");
            Objects.requireNonNull(saveDomain, "saveDomain");
            Objects.requireNonNull(dns, "dns");
            Objects.requireNonNull(loadMail, "loadMail");
            Objects.requireNonNull(saveMail, "saveMail");
            Objects.requireNonNull(parseMail, "parseMail");
            Objects.requireNonNull(composeMail, "composeMail");
            Objects.requireNonNull(readHtml, "readHtml");
            Objects.requireNonNull(signMail, "signMail");
            Objects.requireNonNull(idempotentSends, "idempotentSends");
            Objects.requireNonNull(outbox, "outbox");
            Objects.requireNonNull(transmitMail, "transmitMail");
            Objects.requireNonNull(recordEvents, "recordEvents");
            Objects.requireNonNull(loadEvents, "loadEvents");
            Objects.requireNonNull(liveSubscribers, "liveSubscribers");
            Objects.requireNonNull(announceRevokedKeys, "announceRevokedKeys");
            Objects.requireNonNull(webhookDeliveries, "webhookDeliveries");
            Objects.requireNonNull(accountWebhooks, "accountWebhooks");
            Objects.requireNonNull(eventSubscribers, "eventSubscribers");
            Objects.requireNonNull(renderEvents, "renderEvents");
            Objects.requireNonNull(postWebhook, "postWebhook");
            Objects.requireNonNull(senderRules, "senderRules");
            Objects.requireNonNull(scanMail, "scanMail");
        }
    }

    /**
     * What the installation decides rather than a port: its domain, its MX host, limits, and the pace of the outbox and
     * of webhook deliveries.
     */
    public record Settings(InstallationDomain installationDomain, MxHost mxHost, InboxLimit defaultInboxLimit,
                           DeliverOutboxService.Retry outboxRetry, DeliverWebhooksService.Settings webhooks,
                           PendingDomains pendingDomains, StorageQuotas storageQuotas,
                           ExtractAttachmentsService.Settings extraction, SendLimits sendLimits,
                           ReportedDeliveries.Settings reports) {

        /** With the default handling of delivery reports. */
        public Settings(InstallationDomain installationDomain, MxHost mxHost, InboxLimit defaultInboxLimit,
                        DeliverOutboxService.Retry outboxRetry, DeliverWebhooksService.Settings webhooks,
                        PendingDomains pendingDomains, StorageQuotas storageQuotas,
                        ExtractAttachmentsService.Settings extraction, SendLimits sendLimits) {
            this(installationDomain, mxHost, defaultInboxLimit, outboxRetry, webhooks, pendingDomains, storageQuotas,
                    extraction, sendLimits, ReportedDeliveries.Settings.DEFAULT);
        }

        /** With no send limits. */
        public Settings(InstallationDomain installationDomain, MxHost mxHost, InboxLimit defaultInboxLimit,
                        DeliverOutboxService.Retry outboxRetry, DeliverWebhooksService.Settings webhooks,
                        PendingDomains pendingDomains, StorageQuotas storageQuotas,
                        ExtractAttachmentsService.Settings extraction) {
            this(installationDomain, mxHost, defaultInboxLimit, outboxRetry, webhooks, pendingDomains, storageQuotas,
                    extraction, SendLimits.NONE);
        }

        /** With the default extraction settings. */
        public Settings(InstallationDomain installationDomain, MxHost mxHost, InboxLimit defaultInboxLimit,
                        DeliverOutboxService.Retry outboxRetry, DeliverWebhooksService.Settings webhooks,
                        PendingDomains pendingDomains, StorageQuotas storageQuotas) {
            this(installationDomain, mxHost, defaultInboxLimit, outboxRetry, webhooks, pendingDomains, storageQuotas,
                    ExtractAttachmentsService.Settings.DEFAULT);
        }

        /** With no storage quotas. */
        public Settings(InstallationDomain installationDomain, MxHost mxHost, InboxLimit defaultInboxLimit,
                        DeliverOutboxService.Retry outboxRetry, DeliverWebhooksService.Settings webhooks,
                        PendingDomains pendingDomains) {
            this(installationDomain, mxHost, defaultInboxLimit, outboxRetry, webhooks, pendingDomains,
                    StorageQuotas.UNLIMITED);
        }

        public Settings {
            Objects.requireNonNull(reports, "reports");
            Objects.requireNonNull(extraction, "extraction");
            Objects.requireNonNull(storageQuotas, "storageQuotas");
            Objects.requireNonNull(installationDomain, "installationDomain");
            Objects.requireNonNull(mxHost, "mxHost");
            Objects.requireNonNull(defaultInboxLimit, "defaultInboxLimit");
            Objects.requireNonNull(outboxRetry, "outboxRetry");
            Objects.requireNonNull(webhooks, "webhooks");
            Objects.requireNonNull(pendingDomains, "pendingDomains");
        }
    }

    private final Ports ports;
    private final Settings settings;
    private final Clock clock;

    /** The keys this process looked up of late, shared by authentication and what revokes keys. */
    private final RecentKeys recentKeys = new RecentKeys();

    public UseCases(Ports ports, Settings settings, Clock clock) {
        this.ports = Objects.requireNonNull(ports, "ports");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The use case implementing {@code port}, built by the method here that returns it. */
    public <T> T build(Class<T> port) {
        Method builder = BUILDERS.get(port);
        if (builder == null) {
            throw new IllegalArgumentException("No use case implements " + port.getName() + ".");
        }
        try {
            return port.cast(builder.invoke(this));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }

    // ---- accounts and API keys

    public OpenAccount openAccount() {
        return new OpenAccountService(ports.transactions(), ports.saveAccount(), ports.savePod(), ports.saveApiKey(),
                settings.defaultInboxLimit(), clock);
    }

    public EnsureBootstrapAccount ensureBootstrapAccount() {
        return new EnsureBootstrapAccountService(ports.loadAccounts(), ports.loadApiKeys(), openAccount());
    }

    public ListAccounts listAccounts() {
        return new ListAccountsService(ports.transactions(), ports.loadAccounts());
    }

    public UpdateAccount updateAccount() {
        return new UpdateAccountService(ports.transactions(), ports.loadAccounts(), ports.saveAccount());
    }

    public AuthenticateApiKey authenticateApiKey() {
        return new AuthenticateApiKeyService(ports.transactions(), ports.loadApiKeys(), ports.saveApiKey(), recentKeys, clock);
    }

    public IssueApiKey issueApiKey() {
        return new IssueApiKeyService(ports.transactions(), ports.loadAccounts(), ports.loadPods(), ports.loadInboxes(),
                ports.loadApiKeys(), ports.saveApiKey(), clock);
    }

    public ListApiKeys listApiKeys() {
        return new ListApiKeysService(ports.transactions(), ports.loadAccounts(), ports.loadPods(), ports.loadInboxes(),
                ports.loadApiKeys());
    }

    public RevokeApiKey revokeApiKey() {
        return new RevokeApiKeyService(ports.transactions(), ports.loadAccounts(), ports.loadPods(), ports.loadInboxes(),
                ports.loadApiKeys(), ports.saveApiKey(), ports.announceRevokedKeys(), recentKeys);
    }

    // ---- pods

    public CreatePod createPod() {
        return new CreatePodService(ports.transactions(), ports.savePod(), clock);
    }

    public ListPods listPods() {
        return new ListPodsService(ports.transactions(), ports.loadPods());
    }

    public GetPod getPod() {
        return new GetPodService(ports.transactions(), ports.loadPods());
    }

    public UpdatePod updatePod() {
        return new UpdatePodService(ports.transactions(), ports.loadPods(), ports.savePod());
    }

    public DeletePod deletePod() {
        return new DeletePodService(ports.transactions(), ports.loadPods(), ports.podContents(), ports.removePod(),
                recentKeys);
    }

    // ---- inboxes

    public CreateInbox createInbox() {
        return new CreateInboxService(ports.transactions(), ports.countInboxes(), ports.loadPods(), ports.loadDomains(),
                ports.saveInbox(), settings.installationDomain(), clock);
    }

    public ListInboxes listInboxes() {
        return new ListInboxesService(ports.transactions(), ports.loadPods(), ports.loadInboxes());
    }

    public GetInbox getInbox() {
        return new GetInboxService(ports.transactions(), ports.loadInboxes());
    }

    public UpdateInbox updateInbox() {
        return new UpdateInboxService(ports.transactions(), ports.loadInboxes(), ports.saveInbox());
    }

    public DeleteInbox deleteInbox() {
        return new DeleteInboxService(ports.transactions(), ports.loadInboxes(), ports.saveInbox(),
                ports.storageUsage(), recentKeys);
    }

    // ---- domains

    public AddDomain addDomain() {
        return new AddDomainService(ports.transactions(), ports.loadAccounts(), ports.loadPods(), ports.loadDomains(),
                ports.saveDomain(), settings.installationDomain(), settings.pendingDomains(), clock);
    }

    public ExpirePendingDomains expirePendingDomains() {
        return new ExpirePendingDomainsService(ports.transactions(), ports.loadDomains(), ports.saveDomain(),
                settings.pendingDomains(), clock);
    }

    public ListDomains listDomains() {
        return new ListDomainsService(ports.transactions(), ports.loadPods(), ports.loadDomains());
    }

    public GetDomain getDomain() {
        return new GetDomainService(ports.transactions(), ports.loadDomains());
    }

    public RescopeDomain rescopeDomain() {
        return new RescopeDomainService(ports.transactions(), ports.loadDomains(), ports.loadPods(), ports.loadInboxes(),
                ports.saveDomain());
    }

    public DeleteDomain deleteDomain() {
        return new DeleteDomainService(ports.transactions(), ports.loadDomains(), ports.loadInboxes(), ports.saveDomain());
    }

    public VerifyDomain verifyDomain() {
        return new VerifyDomainService(ports.transactions(), ports.loadDomains(), ports.saveDomain(), ports.dns(),
                settings.mxHost(), clock);
    }

    // ---- mail

    public ReceiveMail receiveMail() {
        ReceiveMail inboxes = new ReceiveMailService(ports.transactions(), ports.loadInboxes(), ports.loadMail(),
                ports.saveMail(), ports.parseMail(), ports.recordEvents(), ports.senderRules(), clock,
                ports.storageUsage(), settings.storageQuotas(), ports.authenticateMail(), settings.mxHost().value(),
                ports.loadAccounts(), ports.loadDomains(), settings.installationDomain().name().value(),
                ports.scanMail(), ports.extractionJobs(), ports.correspondents());
        ReportedDeliveries reports = new ReportedDeliveries(ports.transactions(), ports.outboundRecipients(),
                ports.readDeliveryReports(), ports.suppressions(), ports.loadMail(), ports.recordEvents(), clock,
                settings.reports());
        return new ReceiveServerMail(ports.transactions(), inboxes, reports, ports.loadDomains(),
                settings.installationDomain().name().value(), settings.reports().postmasterAddressOrNull());
    }

    // ---- attachment text

    public ExtractAttachments extractAttachments() {
        return new ExtractAttachmentsService(ports.transactions(), ports.extractionJobs(), ports.attachmentTexts(),
                ports.loadMail(), ports.recordEvents(), ports.extractionPool(), clock, settings.extraction());
    }

    public GetAttachmentText getAttachmentText() {
        return new GetAttachmentTextService(ports.transactions(), ports.loadMail(), ports.attachmentTexts(),
                ports.extractionPool(), settings.extraction().onDemandWait());
    }

    public ListMessages listMessages() {
        return new ListMessagesService(ports.transactions(), ports.loadInboxes(), ports.loadMail(),
                ports.outboundRecipients());
    }

    public SearchMail searchMail() {
        return new SearchMailService(ports.transactions(), ports.loadInboxes(), ports.searchMessages(),
                ports.outboundRecipients());
    }

    public ListThreads listThreads() {
        return new ListThreadsService(ports.transactions(), ports.loadInboxes(), ports.loadMail());
    }

    public WatchNewMail watchNewMail() {
        return new WatchNewMailService(ports.transactions(), ports.loadApiKeys(), ports.loadInboxes(),
                ports.loadEvents(), clock);
    }

    public GetThreadMessages getThreadMessages() {
        return new GetThreadMessagesService(ports.transactions(), ports.loadMail(), ports.outboundRecipients());
    }

    public UpdateThread updateThread() {
        return new UpdateThreadService(ports.transactions(), ports.loadMail(), ports.saveMail());
    }

    public GetAttachment getAttachment() {
        return new GetAttachmentService(ports.transactions(), ports.loadMail());
    }

    public GetRawMessage getRawMessage() {
        return new GetRawMessageService(ports.transactions(), ports.loadMail());
    }

    public SendMail sendMail() {
        return new SendMailService(ports.transactions(), ports.loadInboxes(), ports.loadDomains(), ports.loadMail(),
                ports.saveMail(), ports.parseMail(), ports.composeMail(), ports.readHtml(), ports.signMail(), ports.outbox(),
                ports.idempotentSends(), ports.recordEvents(), clock, ports.storageUsage(), settings.storageQuotas(),
                ports.extractionJobs(), ports.suppressions(), ports.unsubscribeLinks(),
                new ColdOutreach(ports.sendCounters(), settings.sendLimits(), ports.loadAccounts(),
                        ports.correspondents(), ports.coldSendCounters(), ports.accountSendLimits()),
                ports.correspondents(), ports.outboundRecipients());
    }

    public ManageSendLimits manageSendLimits() {
        return new ManageSendLimitsService(ports.transactions(), ports.loadAccounts(), ports.accountSendLimits(),
                settings.sendLimits());
    }

    public DeliverOutbox deliverOutbox() {
        return new DeliverOutboxService(ports.transactions(), ports.outbox(), ports.loadMail(), ports.saveMail(),
                ports.transmitMail(), ports.recordEvents(), ports.outboundRecipients(), ports.suppressions(), clock,
                settings.outboxRetry());
    }

    // ---- events

    public StreamEvents streamEvents() {
        return new StreamEventsService(ports.transactions(), ports.loadAccounts(), ports.loadApiKeys(),
                ports.loadInboxes(), ports.loadEvents(), ports.liveSubscribers(), clock);
    }

    public FollowEventLog followEventLog() {
        return new FollowEventLogService(ports.transactions(), ports.loadEvents(), ports.liveSubscribers(), clock);
    }

    // ---- webhooks

    public DeliverWebhooks deliverWebhooks() {
        return new DeliverWebhooksService(ports.transactions(), ports.webhookDeliveries(), ports.loadEvents(),
                ports.loadInboxes(), ports.accountWebhooks(), ports.eventSubscribers(), ports.renderEvents(),
                ports.postWebhook(), clock, settings.webhooks());
    }

    public ManageWebhooks manageWebhooks() {
        return new ManageWebhooksService(ports.transactions(), ports.loadInboxes(), ports.saveInbox(),
                ports.accountWebhooks(), ports.webhookDeliveries(), ports.renderEvents(), ports.postWebhook(), clock);
    }

    // ---- sender rules

    public ManageSenderRules manageSenderRules() {
        return new ManageSenderRulesService(ports.transactions(), ports.loadPods(), ports.senderRules(), clock);
    }

    // ---- suppressions

    public ManageSuppressions manageSuppressions() {
        return new ManageSuppressionsService(ports.transactions(), ports.suppressions(), clock);
    }

    public Unsubscribe unsubscribe() {
        return new UnsubscribeService(ports.transactions(), ports.suppressions(), ports.unsubscribeLinks(), clock);
    }

    // ---- storage usage

    public GetUsage getUsage() {
        return new GetUsageService(ports.transactions(), ports.loadPods(), ports.loadInboxes(), ports.storageUsage(),
                settings.storageQuotas());
    }
}
