package dev.openmail.application.fakes;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.TokenHash;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.common.TimeOrderedIds;
import dev.openmail.domain.inbox.AddressTakenException;
import dev.openmail.domain.inbox.EmailAddress;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.inbox.InboxQuota;
import dev.openmail.domain.inbox.MailboxName;
import dev.openmail.domain.mail.BodyBudget;
import dev.openmail.domain.mail.BoundedMessage;
import dev.openmail.domain.mail.Direction;
import dev.openmail.domain.mail.IdempotentSend;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.MessageStatus;
import dev.openmail.domain.mail.OutboxEntry;
import dev.openmail.domain.mail.ParsedAttachment;
import dev.openmail.domain.mail.AttachmentInfo;
import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.extraction.ExtractionJob;
import dev.openmail.domain.port.out.AttachmentTexts;
import dev.openmail.domain.port.out.ExtractionJobs;
import dev.openmail.domain.mail.StoredAttachment;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.maildomain.DkimKey;
import dev.openmail.domain.maildomain.DnsRecord;
import dev.openmail.domain.maildomain.DomainHasInboxesException;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.DomainScope;
import dev.openmail.domain.maildomain.DomainStatus;
import dev.openmail.domain.maildomain.DomainTakenException;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.maildomain.RecordStatus;
import dev.openmail.domain.pod.ClientIdTakenException;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodHasDomainsException;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.pod.PodNotEmptyException;
import dev.openmail.domain.pod.PodOccupancy;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.out.SearchMessages;
import dev.openmail.domain.search.SearchQuery;
import dev.openmail.domain.search.SearchScope;
import dev.openmail.domain.search.SearchText;
import dev.openmail.domain.port.out.CountInboxes;
import dev.openmail.domain.port.out.IdempotentSends;
import dev.openmail.domain.port.out.InboxGoneException;
import dev.openmail.domain.port.out.InspectPodContents;
import dev.openmail.domain.port.out.LoadAccounts;
import dev.openmail.domain.port.out.LoadApiKeys;
import dev.openmail.domain.port.out.LoadDomains;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.Outbox;
import dev.openmail.domain.port.out.PodGoneException;
import dev.openmail.domain.port.out.RemovePod;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveApiKey;
import dev.openmail.domain.port.out.SaveDomain;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.AccountSendLimits;
import dev.openmail.domain.port.out.ColdSendCounters;
import dev.openmail.domain.port.out.Correspondents;
import dev.openmail.domain.mail.SendLimitOverrides;
import dev.openmail.domain.port.out.TokenAlreadyRegisteredException;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.LoggedEvent;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.port.out.ExpireEvents;
import dev.openmail.domain.port.out.AccountWebhooks;
import dev.openmail.domain.port.out.WebhookDeliveries;
import dev.openmail.domain.webhook.AccountWebhook;
import dev.openmail.domain.webhook.DeliveryStatus;
import dev.openmail.domain.webhook.WebhookAttempt;
import dev.openmail.domain.webhook.WebhookDelivery;
import dev.openmail.domain.port.out.LoadEvents;
import dev.openmail.domain.port.out.RecordEvents;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The outgoing persistence ports held in memory, behaving as the database does: the same orderings, the same unique
 * keys (a pod's client id within its account, a key's token hash, an inbox address and a domain name across the whole
 * installation) and the same foreign keys (a pod or key needs its account; an inbox or scoped domain needs its pod, and
 * keeps the pod from being removed; an inbox on a custom domain needs that domain of its account, and keeps it from
 * being removed). Mail goes with its inbox: removing an inbox removes its threads, messages and attachments, the outbox
 * entries of those messages, and the idempotent sends made from the inbox or naming its messages, as the database's
 * cascading foreign keys do.
 *
 * <p>The domain ports are reached through {@link #domains()}: {@code LoadInboxes.list} and {@code LoadDomains.list}
 * share one parameter list, so one class cannot implement both. The mail ports are reached through {@link #mail()}
 * for the same reason ({@code LoadMail.findThread} and friends would crowd this class's overloads), and so are the
 * outbox ({@link #outbox()}) and the idempotent sends ({@link #idempotentSends()}), whose {@code remove},
 * {@code insert} and {@code find} would crowd them further.
 *
 * <p>Every method holds the store's lock, and {@link InMemoryTransactions} holds it for a whole unit of work, so
 * transactions run one at a time. The methods that stand for row locks (the {@code findForUpdate} methods,
 * {@link #quotaForNewInbox}, {@code findByNameForUpdate}) must be called inside such a
 * transaction, as the lock would be meaningless outside one.
 *
 * <p>Not final, so that a test can override one operation to make it fail.
 */
public class InMemoryStore implements LoadAccounts, SaveAccount, LoadApiKeys, SaveApiKey, LoadPods, SavePod,
        InspectPodContents, RemovePod, LoadInboxes, SaveInbox, CountInboxes {

    private static final Comparator<Account> ACCOUNT_ORDER =
            Comparator.comparing(Account::createdAt).thenComparing(account -> account.id().value());
    private static final Comparator<Pod> POD_ORDER = Comparator.comparing((Pod pod) -> !pod.isDefault())
            .thenComparing(Pod::createdAt)
            .thenComparing(pod -> pod.id().value());
    private static final Comparator<Inbox> INBOX_ORDER =
            Comparator.comparing(Inbox::createdAt).thenComparing(inbox -> inbox.id().value());
    private static final Comparator<MailDomain> DOMAIN_ORDER =
            Comparator.comparing(MailDomain::createdAt).thenComparing(domain -> domain.id().value());
    private static final Comparator<Message> MESSAGE_OLDEST_FIRST =
            Comparator.comparing(Message::createdAt).thenComparing(message -> message.id().value());
    private static final Comparator<MailThread> THREAD_LATEST_FIRST = Comparator.comparing(MailThread::lastMessageAt)
            .thenComparing(thread -> thread.id().value()).reversed();
    private static final DomainName HELPER_DOMAIN = new DomainName("helper.test");

    private final Domains domains = new Domains();
    private final Mail mail = new Mail();
    private final OutboxRows outbox = new OutboxRows();
    private final ExtractionRows extraction = new ExtractionRows();
    private final IdempotentSendRows idempotentSends = new IdempotentSendRows();
    private final EventRows events = new EventRows();
    private final WebhookRows webhooks = new WebhookRows();
    private final InMemorySenderRules senderRules = new InMemorySenderRules();
    private final InMemorySuppressions suppressions = new InMemorySuppressions();
    private final InMemorySendCounters sendCounters = new InMemorySendCounters();
    private final InMemoryOutboundRecipients outboundRecipients = new InMemoryOutboundRecipients();
    private final ColdOutreachRows coldOutreach = new ColdOutreachRows();
    private final InMemoryStorageUsage usage = new InMemoryStorageUsage(this);
    private State state = new State();
    private int transactionDepth;
    /** Outside {@link State}: a rollback does not give a position back. */
    private long lastEventPosition;

    public InMemoryStore() {
    }

    /** The domain ports over this store's rows. */
    public Domains domains() {
        return domains;
    }

    /** The mail ports over this store's rows; a transaction takes back mail as it does every other row. */
    public Mail mail() {
        return mail;
    }

    /** The outbox over this store's rows; a transaction takes back entries and claims as it does every other row. */
    public ExtractionRows extraction() {
        return extraction;
    }

    public OutboxRows outbox() {
        return outbox;
    }

    /** The idempotent sends over this store's rows, taken back by a transaction like every other row. */
    public IdempotentSendRows idempotentSends() {
        return idempotentSends;
    }

    /** The event log over this store's rows, taken back by a transaction like every other row. */
    public EventRows events() {
        return events;
    }

    /** Webhook deliveries, their log and accounts' webhooks, taken back by a transaction like every other row. */
    public WebhookRows webhooks() {
        return webhooks;
    }

    /** Sender rules, filter modes and hit counts; these are not taken back by a failed transaction. */
    public InMemorySenderRules senderRules() {
        return senderRules;
    }

    public InMemorySuppressions suppressions() {
        return suppressions;
    }

    public InMemorySendCounters sendCounters() {
        return sendCounters;
    }

    /** Sent messages' recipients; these are not taken back by a failed transaction. */
    public InMemoryOutboundRecipients outboundRecipients() {
        return outboundRecipients;
    }

    /**
     * Correspondents, cold-send counts and accounts' send-limit overrides, taken back by a transaction like every
     * other row.
     */
    public ColdOutreachRows coldOutreach() {
        return coldOutreach;
    }

    /** Storage usage counters; these are not taken back by a failed transaction. */
    public InMemoryStorageUsage usage() {
        return usage;
    }

    // ---- accounts

    @Override
    public synchronized Optional<Account> find(AccountId id) {
        return Optional.ofNullable(state.accounts.get(id));
    }

    @Override
    public synchronized Optional<Account> findForUpdate(AccountId id) {
        requireTransaction("findForUpdate locks the account");
        return find(id);
    }

    @Override
    public synchronized Page<Account> list(PageRequest page) {
        return window(state.accounts.values().stream().sorted(ACCOUNT_ORDER).toList(), page);
    }

    @Override
    public synchronized boolean anyExists() {
        return !state.accounts.isEmpty();
    }

    @Override
    public synchronized void insert(Account account) {
        if (state.accounts.containsKey(account.id())) {
            throw new IllegalStateException("duplicate primary key: account " + account.id() + " already exists");
        }
        state.accounts.put(account.id(), account);
    }

    @Override
    public synchronized boolean update(Account account) {
        Account stored = state.accounts.get(account.id());
        if (stored == null) {
            return false;
        }
        state.accounts.put(account.id(),
                Account.reconstitute(stored.id(), account.name(), account.inboxLimit(), stored.createdAt(),
                        account.dropSpoofedLocalMail(), account.storageQuotaOrNull()));
        return true;
    }

    // ---- API keys

    @Override
    public synchronized Optional<ApiKey> findByTokenHash(TokenHash hash) {
        return state.keys.values().stream().filter(key -> key.tokenHash().equals(hash)).findFirst();
    }

    @Override
    public synchronized void insert(ApiKey key) {
        requireAccount(key.accountId(), "api key " + key.id());
        if (findByTokenHash(key.tokenHash()).isPresent()) {
            throw new TokenAlreadyRegisteredException();
        }
        if (state.keys.containsKey(key.id())) {
            throw new IllegalStateException("duplicate primary key: api key " + key.id() + " already exists");
        }
        if (key.scope().podOrNull() != null && !state.pods.containsKey(new PodKey(key.accountId(), key.scope().podOrNull()))) {
            throw new IllegalStateException("foreign key: pod " + key.scope().podOrNull() + " does not exist");
        }
        if (key.scope().inboxOrNull() != null
                && !state.inboxes.containsKey(new InboxKey(key.accountId(), key.scope().inboxOrNull()))) {
            throw new IllegalStateException("foreign key: inbox " + key.scope().inboxOrNull() + " does not exist");
        }
        state.keys.put(key.id(), key);
    }

    @Override
    public synchronized Optional<ApiKey> find(AccountId accountId, ApiKeyId id) {
        return Optional.ofNullable(state.keys.get(id)).filter(key -> key.accountId().equals(accountId));
    }

    @Override
    public synchronized Page<ApiKey> listByScope(AccountId accountId, KeyScope scope, PageRequest page) {
        return window(keysOf(accountId, scope).toList(), page);
    }

    @Override
    public synchronized int countByScope(AccountId accountId, KeyScope scope) {
        return (int) keysOf(accountId, scope).count();
    }

    @Override
    public synchronized boolean remove(AccountId accountId, ApiKeyId id) {
        return find(accountId, id).map(key -> state.keys.remove(key.id()) != null).orElse(false);
    }

    @Override
    public synchronized void stampUsage(AccountId accountId, ApiKeyId id, Instant when) {
        find(accountId, id).filter(key -> key.lastUsedAt() == null || key.lastUsedAt().isBefore(when))
                .ifPresent(key -> state.keys.put(id, ApiKey.reconstitute(key.id(), key.accountId(), key.scope(),
                        key.name(), key.tokenHash(), key.tokenPrefix(), key.last4(), key.createdAt(), when)));
    }

    private Stream<ApiKey> keysOf(AccountId accountId, KeyScope scope) {
        return state.keys.values().stream()
                .filter(key -> key.accountId().equals(accountId) && key.scope().equals(scope))
                .sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(key -> key.id().value()));
    }

    // ---- pods

    @Override
    public synchronized Optional<Pod> find(AccountId accountId, PodRef ref) {
        return podsOf(accountId).filter(pod -> pod.answersTo(ref)).findFirst();
    }

    @Override
    public synchronized Pod findDefaultForUpdate(AccountId accountId) {
        requireTransaction("findDefaultForUpdate locks the pod");
        return podsOf(accountId).filter(Pod::isDefault).findFirst()
                .orElseThrow(() -> new IllegalStateException("account " + accountId + " has no default pod"));
    }

    @Override
    public synchronized Optional<Pod> findForUpdate(AccountId accountId, PodRef ref) {
        requireTransaction("findForUpdate locks the pod");
        return find(accountId, ref);
    }

    @Override
    public synchronized Page<Pod> list(AccountId accountId, PageRequest page) {
        return window(podsOf(accountId).sorted(POD_ORDER).toList(), page);
    }

    @Override
    public synchronized void insert(Pod pod) {
        requireAccount(pod.accountId(), "pod " + pod.id());
        PodKey key = PodKey.of(pod);
        if (state.pods.containsKey(key)) {
            throw new IllegalStateException("duplicate primary key: pod " + pod.id() + " already exists");
        }
        refuseTakenClientId(pod);
        state.pods.put(key, pod);
    }

    /** Changes the client id and the name only, as the database's UPDATE does; the other columns stay as stored. */
    @Override
    public synchronized boolean update(Pod pod) {
        Pod stored = state.pods.get(PodKey.of(pod));
        if (stored == null) {
            return false;
        }
        refuseTakenClientId(pod);
        state.pods.put(PodKey.of(pod), Pod.reconstitute(stored.id(), stored.accountId(), pod.clientId(), pod.name(),
                stored.isDefault(), stored.createdAt()));
        return true;
    }

    @Override
    public synchronized PodOccupancy occupancy(AccountId accountId, PodId podId) {
        PodKey key = new PodKey(accountId, podId);
        return new PodOccupancy(hasInboxes(key), hasScopedDomains(key));
    }

    @Override
    public synchronized void remove(Pod pod) {
        PodKey key = PodKey.of(pod);
        if (hasInboxes(key)) {
            throw new PodNotEmptyException(pod);
        }
        if (hasScopedDomains(key)) {
            throw new PodHasDomainsException(pod);
        }
        state.pods.remove(key);
        senderRules.removePod(pod.accountId(), pod.id());
        state.keys.values().removeIf(apiKey -> apiKey.accountId().equals(pod.accountId())
                && pod.id().equals(apiKey.scope().podOrNull()));
    }

    // ---- inboxes

    @Override
    public synchronized Optional<Inbox> find(AccountId accountId, InboxId id) {
        return Optional.ofNullable(state.inboxes.get(new InboxKey(accountId, id)));
    }

    /** Addresses are kept in lower case; the given one is folded as the JDBC store folds it, then compared exactly. */
    @Override
    public synchronized Optional<Inbox> findByAddress(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String folded = address.toLowerCase(Locale.ROOT);
        return state.inboxes.values().stream().filter(inbox -> inbox.address().value().equals(folded)).findFirst();
    }

    @Override
    public synchronized Optional<Inbox> findForUpdate(AccountId accountId, InboxId id) {
        requireTransaction("findForUpdate locks the inbox");
        return find(accountId, id);
    }

    @Override
    public synchronized Page<Inbox> list(AccountId accountId, PodId podOrNull, PageRequest page) {
        return window(inboxesOf(accountId).filter(inbox -> podOrNull == null || inbox.podId().equals(podOrNull))
                .sorted(INBOX_ORDER).toList(), page);
    }

    @Override
    public synchronized Set<PodId> podsWithInboxesOn(AccountId accountId, DomainId domainId) {
        return inboxesOf(accountId).filter(inbox -> domainId.equals(inbox.domainId())).map(Inbox::podId)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public synchronized InboxQuota quotaForNewInbox(AccountId accountId) {
        requireTransaction("quotaForNewInbox locks the account");
        Account account = state.accounts.get(accountId);
        if (account == null) {
            throw new IllegalStateException("no account " + accountId);
        }
        return new InboxQuota(inboxesOf(accountId).count(), account.inboxLimit());
    }

    @Override
    public synchronized void insert(Inbox inbox) {
        InboxKey key = InboxKey.of(inbox);
        if (state.inboxes.containsKey(key)) {
            throw new IllegalStateException("duplicate primary key: inbox " + inbox.id() + " already exists");
        }
        if (!state.pods.containsKey(new PodKey(inbox.accountId(), inbox.podId()))) {
            throw new PodGoneException();
        }
        if (inbox.domainId() != null && !state.domains.containsKey(new DomainKey(inbox.accountId(), inbox.domainId()))) {
            throw new IllegalStateException("foreign key: inbox " + inbox.id() + " refers to domain " + inbox.domainId()
                    + " of account " + inbox.accountId() + ", which does not exist");
        }
        if (state.inboxes.values().stream().anyMatch(other -> other.address().equals(inbox.address()))) {
            throw new AddressTakenException(inbox.address());
        }
        state.inboxes.put(key, inbox);
    }

    /** Changes the display name and the webhook settings only, as the database's UPDATE does. */
    @Override
    public synchronized boolean update(Inbox inbox) {
        Inbox stored = state.inboxes.get(InboxKey.of(inbox));
        if (stored == null) {
            return false;
        }
        state.inboxes.put(InboxKey.of(inbox), Inbox.reconstitute(stored.id(), stored.accountId(), stored.podId(),
                stored.address(), stored.domainId(), inbox.displayName(), inbox.webhookUrl(), inbox.webhookSecret(),
                stored.createdAt()));
        return true;
    }

    @Override
    public synchronized boolean remove(Inbox inbox) {
        boolean removed = state.inboxes.remove(InboxKey.of(inbox)) != null;
        state.keys.values().removeIf(apiKey -> apiKey.accountId().equals(inbox.accountId())
                && inbox.id().equals(apiKey.scope().inboxOrNull()));
        state.threads.values().removeIf(thread -> thread.accountId().equals(inbox.accountId())
                && thread.inboxId().equals(inbox.id()));
        state.messages.values().removeIf(stored -> stored.message().accountId().equals(inbox.accountId())
                && stored.message().inboxId().equals(inbox.id()));
        // The rows whose message or inbox just went, as the foreign keys of V4 cascade.
        state.outbox.keySet().removeIf(key -> !state.messages.containsKey(key));
        state.extractionJobs.keySet().removeIf(key -> !state.messages.containsKey(key));
        state.extractionClaims.keySet().removeIf(key -> !state.messages.containsKey(key));
        state.idempotentSends.values().removeIf(send -> !state.messages.containsKey(
                new MessageKey(send.accountId(), send.messageId()))
                || !state.inboxes.containsKey(new InboxKey(send.accountId(), send.inboxId())));
        state.events.removeIf(logged -> logged.event().accountId().equals(inbox.accountId())
                && logged.event().inboxId().equals(inbox.id()));
        state.deliveries.values().removeIf(queued -> queued.delivery().accountId().equals(inbox.accountId())
                && queued.delivery().inboxId().equals(inbox.id()));
        state.attempts.removeIf(attempt -> attempt.accountId().equals(inbox.accountId())
                && inbox.id().equals(attempt.inboxId()));
        return removed;
    }

    // ---- domains, through domains()

    private synchronized Optional<MailDomain> findDomain(AccountId accountId, DomainId id) {
        return Optional.ofNullable(state.domains.get(new DomainKey(accountId, id)));
    }

    private synchronized Optional<MailDomain> findDomainByName(AccountId accountId, DomainName name) {
        return domainsOf(accountId).filter(domain -> domain.name().equals(name)).findFirst();
    }

    private synchronized Page<MailDomain> listDomains(AccountId accountId, PodId podOrNull, PageRequest page) {
        return window(domainsOf(accountId)
                .filter(domain -> podOrNull == null || podOrNull.equals(domain.scope().podOrNull()))
                .sorted(DOMAIN_ORDER).toList(), page);
    }

    private synchronized void insertDomain(MailDomain domain) {
        DomainKey key = DomainKey.of(domain);
        if (state.domains.containsKey(key)) {
            throw new IllegalStateException("duplicate primary key: domain " + domain.id() + " already exists");
        }
        requireScopePod(domain);
        if (state.domains.values().stream().anyMatch(other -> other.name().equals(domain.name()))) {
            throw new DomainTakenException(domain.name());
        }
        state.domains.put(key, domain);
    }

    /** Changes the scope, the statuses and verifiedAt only, as the database's UPDATE does. */
    private synchronized boolean updateDomain(MailDomain domain) {
        MailDomain stored = state.domains.get(DomainKey.of(domain));
        if (stored == null) {
            return false;
        }
        requireScopePod(domain);
        Map<DnsRecord.Purpose, RecordStatus> statuses = new EnumMap<>(DnsRecord.Purpose.class);
        for (DnsRecord.Purpose purpose : DnsRecord.Purpose.values()) {
            statuses.put(purpose, domain.recordStatus(purpose));
        }
        state.domains.put(DomainKey.of(domain), MailDomain.reconstitute(stored.id(), stored.accountId(), stored.name(),
                domain.scope(), domain.status(), stored.dkim(), stored.ownershipToken(), statuses, stored.createdAt(),
                domain.verifiedAt()));
        return true;
    }

    private synchronized boolean removeDomain(MailDomain domain) {
        DomainKey key = DomainKey.of(domain);
        if (!state.domains.containsKey(key)) {
            return false;
        }
        if (inboxesOf(domain.accountId()).anyMatch(inbox -> domain.id().equals(inbox.domainId()))) {
            throw new DomainHasInboxesException(domain);
        }
        state.domains.remove(key);
        return true;
    }

    // ---- rows of mail, counted for the store contract (the JDBC runner counts them in SQL)

    synchronized long threadRows(AccountId accountId, InboxId inboxId) {
        return state.threads.values().stream()
                .filter(thread -> thread.accountId().equals(accountId) && thread.inboxId().equals(inboxId)).count();
    }

    synchronized long messageRows(AccountId accountId, InboxId inboxId) {
        return messagesOf(accountId).filter(message -> message.inboxId().equals(inboxId)).count();
    }

    synchronized long attachmentRows(AccountId accountId, List<MessageId> messageIds) {
        return messageIds.stream().map(id -> state.messages.get(new MessageKey(accountId, id)))
                .filter(Objects::nonNull).mapToLong(stored -> stored.attachments().size()).sum();
    }

    // ---- rows for tests that only need something to be there

    /** Puts an inbox on the default domain into the pod, with a made-up address. The pod must exist. */
    public synchronized Inbox addInbox(AccountId accountId, PodId podId) {
        existingPod(accountId, podId, "inbox");
        Inbox inbox = Inbox.create(accountId, podId,
                new EmailAddress(new MailboxName(TimeOrderedIds.next()), HELPER_DOMAIN), null, null, null, Instant.now());
        insert(inbox);
        return inbox;
    }

    /** Puts a pending domain scoped to the pod, with a made-up name. The pod must exist. */
    public synchronized MailDomain addScopedDomain(AccountId accountId, PodId podId) {
        existingPod(accountId, podId, "domain");
        MailDomain domain = MailDomain.reconstitute(DomainId.generate(), accountId,
                new DomainName(TimeOrderedIds.next() + "." + HELPER_DOMAIN.value()), DomainScope.of(podId),
                DomainStatus.PENDING, new DkimKey(DkimKey.SELECTOR, "public", "private"), "token", Map.of(),
                Instant.now(), null);
        insertDomain(domain);
        return domain;
    }

    // ---- transactions

    /** Runs {@code work} alone; a nested call joins the outer one. On failure the outermost call restores every row. */
    synchronized <T> T atomically(Supplier<T> work) {
        if (transactionDepth > 0) {
            return work.get();
        }
        State before = state.copy();
        transactionDepth++;
        try {
            return work.get();
        } catch (Throwable failure) {
            state = before;
            throw failure;
        } finally {
            transactionDepth--;
        }
    }

    private void requireTransaction(String what) {
        if (transactionDepth == 0) {
            throw new IllegalStateException(what + " until the transaction ends; call it inside Transactions.inTransaction");
        }
    }

    private Stream<Pod> podsOf(AccountId accountId) {
        return state.pods.values().stream().filter(pod -> pod.accountId().equals(accountId));
    }

    private Stream<Inbox> inboxesOf(AccountId accountId) {
        return state.inboxes.values().stream().filter(inbox -> inbox.accountId().equals(accountId));
    }

    private Stream<Message> messagesOf(AccountId accountId) {
        return state.messages.values().stream().map(StoredMessage::message)
                .filter(message -> message.accountId().equals(accountId));
    }

    private Stream<MailDomain> domainsOf(AccountId accountId) {
        return state.domains.values().stream().filter(domain -> domain.accountId().equals(accountId));
    }

    private boolean hasInboxes(PodKey pod) {
        return inboxesOf(pod.accountId()).anyMatch(inbox -> inbox.podId().equals(pod.podId()));
    }

    private boolean hasScopedDomains(PodKey pod) {
        return domainsOf(pod.accountId()).anyMatch(domain -> pod.podId().equals(domain.scope().podOrNull()));
    }

    private void requireScopePod(MailDomain domain) {
        PodId pod = domain.scope().podOrNull();
        if (pod != null && !state.pods.containsKey(new PodKey(domain.accountId(), pod))) {
            throw new PodGoneException();
        }
    }

    private void refuseTakenClientId(Pod pod) {
        if (pod.clientId() == null) {
            return;
        }
        boolean taken = podsOf(pod.accountId())
                .anyMatch(other -> !other.id().equals(pod.id()) && pod.clientId().equals(other.clientId()));
        if (taken) {
            throw new ClientIdTakenException(pod.clientId());
        }
    }

    private void requireAccount(AccountId accountId, String what) {
        if (!state.accounts.containsKey(accountId)) {
            throw new IllegalStateException("foreign key: " + what + " refers to account " + accountId
                    + ", which does not exist; insert the account first");
        }
    }

    private void existingPod(AccountId accountId, PodId podId, String what) {
        if (!state.pods.containsKey(new PodKey(accountId, podId))) {
            throw new IllegalStateException("foreign key: an " + what + " refers to pod " + podId + " of account "
                    + accountId + ", which does not exist");
        }
    }

    private static <T> Page<T> window(List<T> ordered, PageRequest page) {
        List<T> items = ordered.stream().skip(page.offset()).limit(page.limit()).toList();
        return new Page<>(items, ordered.size());
    }

    /** {@link LoadDomains} and {@link SaveDomain} over the store's rows, under the store's lock. */
    public final class Domains implements LoadDomains, SaveDomain {

        private Domains() {
        }

        @Override
        public Optional<MailDomain> find(AccountId accountId, DomainId id) {
            return findDomain(accountId, id);
        }

        @Override
        public Optional<MailDomain> findForUpdate(AccountId accountId, DomainId id) {
            synchronized (InMemoryStore.this) {
                requireTransaction("findForUpdate locks the domain");
                return findDomain(accountId, id);
            }
        }

        @Override
        public Optional<MailDomain> findByNameForUpdate(AccountId accountId, DomainName name) {
            synchronized (InMemoryStore.this) {
                requireTransaction("findByNameForUpdate locks the domain");
                return findDomainByName(accountId, name);
            }
        }

        @Override
        public Page<MailDomain> list(AccountId accountId, PodId podOrNull, PageRequest page) {
            return listDomains(accountId, podOrNull, page);
        }

        @Override
        public long countNeverVerified(AccountId accountId) {
            synchronized (InMemoryStore.this) {
                return state.domains.values().stream()
                        .filter(domain -> domain.accountId().equals(accountId) && domain.verifiedAt() == null).count();
            }
        }

        @Override
        public boolean verifiedByAnyAccount(String lowerCaseName) {
            synchronized (InMemoryStore.this) {
                return state.domains.values().stream().anyMatch(domain -> domain.verifiedAt() != null
                        && domain.name().value().equals(lowerCaseName));
            }
        }

        @Override
        public List<MailDomain> neverVerifiedAddedBefore(Instant cutoff, int max) {
            synchronized (InMemoryStore.this) {
                return state.domains.values().stream()
                        .filter(domain -> domain.verifiedAt() == null && domain.createdAt().isBefore(cutoff))
                        .sorted(Comparator.comparing(MailDomain::createdAt)
                                .thenComparing(domain -> domain.id().value()))
                        .limit(Math.max(0, max)).toList();
            }
        }

        @Override
        public void insert(MailDomain domain) {
            insertDomain(domain);
        }

        @Override
        public boolean update(MailDomain domain) {
            return updateDomain(domain);
        }

        @Override
        public boolean remove(MailDomain domain) {
            return removeDomain(domain);
        }
    }


    /**
     * {@link LoadMail} and {@link SaveMail} over the store's rows, under the store's lock. It keeps the rules of the
     * mail tables: a thread or message needs its inbox (else {@link InboxGoneException}), a message needs a thread of
     * its own inbox, and lists of header values and attachments are refused when the database could not give them
     * back as they are. Bytes are copied in and out, as a database would hand out fresh arrays.
     */
    public final class Mail implements LoadMail, SaveMail, SearchMessages {

        private Mail() {
        }

        @Override
        public Optional<MailThread> findThread(AccountId accountId, ThreadId id) {
            synchronized (InMemoryStore.this) {
                return Optional.ofNullable(state.threads.get(new ThreadKey(accountId, id)));
            }
        }

        @Override
        public Optional<MailThread> findThreadForUpdate(AccountId accountId, ThreadId id) {
            synchronized (InMemoryStore.this) {
                requireTransaction("findThreadForUpdate locks the thread");
                return findThread(accountId, id);
            }
        }

        /** The thread of the oldest such message, as the JDBC store picks among messages sharing a Message-ID. */
        @Override
        public Optional<ThreadId> threadOfMessageId(AccountId accountId, InboxId inboxId, String rfcMessageId) {
            synchronized (InMemoryStore.this) {
                if (rfcMessageId == null) {
                    return Optional.empty();
                }
                return messagesOf(accountId)
                        .filter(message -> message.inboxId().equals(inboxId)
                                && rfcMessageId.equals(message.rfcMessageId()))
                        .min(MESSAGE_OLDEST_FIRST)
                        .map(Message::threadId);
            }
        }

        @Override
        public Page<BoundedMessage> listMessages(AccountId accountId, InboxId inboxId, Direction directionOrNull,
                                                 PageRequest page, BodyBudget budget) {
            synchronized (InMemoryStore.this) {
                Page<Message> window = window(messagesOf(accountId)
                        .filter(message -> message.inboxId().equals(inboxId)
                                && (directionOrNull == null || message.direction() == directionOrNull))
                        .sorted(MESSAGE_OLDEST_FIRST.reversed())
                        .toList(), page);
                return new Page<>(cut(window.items(), budget), window.total());
            }
        }

        @Override
        public Page<MailThread> listThreads(AccountId accountId, InboxId inboxId, Boolean isReadOrNull,
                                            PageRequest page) {
            synchronized (InMemoryStore.this) {
                return window(state.threads.values().stream()
                        .filter(thread -> thread.accountId().equals(accountId) && thread.inboxId().equals(inboxId)
                                && (isReadOrNull == null || thread.isRead() == isReadOrNull))
                        .sorted(THREAD_LATEST_FIRST)
                        .toList(), page);
            }
        }

        /** The thread's messages, oldest first (id as tie-break). */
        private List<Message> messagesOfThread(AccountId accountId, ThreadId threadId) {
            synchronized (InMemoryStore.this) {
                return messagesOf(accountId).filter(message -> message.threadId().equals(threadId))
                        .sorted(MESSAGE_OLDEST_FIRST).toList();
            }
        }

        /**
         * Every message of the account tried against {@link SearchQuery#matches} with its document as the JDBC store
         * keeps it: written when stored, each attachment's text added once it is read.
         */
        @Override
        public Page<BoundedMessage> search(AccountId accountId, SearchScope scope, SearchQuery query,
                                           PageRequest page, BodyBudget budget) {
            synchronized (InMemoryStore.this) {
                Page<Message> window = window(messagesOf(accountId)
                        .filter(message -> (scope.inboxOrNull() == null || message.inboxId().equals(scope.inboxOrNull()))
                                && (scope.podOrNull() == null || message.podId().equals(scope.podOrNull())))
                        .filter(message -> {
                            MailThread thread = state.threads.get(new ThreadKey(accountId, message.threadId()));
                            return query.matches(document(message), SearchText.sender(message.fromAddr()),
                                    !message.attachments().isEmpty(), thread != null && !thread.isRead());
                        })
                        .sorted(MESSAGE_OLDEST_FIRST.reversed())
                        .toList(), page);
                return new Page<>(cut(window.items(), budget), window.total());
            }
        }

        private static String document(Message message) {
            StringBuilder document = new StringBuilder(SearchText.document(message.subject(), message.fromAddr(),
                    message.bodyText(), message.bodyHtml(),
                    message.attachments().stream().map(AttachmentInfo::filename).toList()));
            for (AttachmentInfo attachment : message.attachments()) {
                if (attachment.textOrNull() != null) {
                    document.append(SearchText.part(attachment.textOrNull().textOrNull()));
                }
            }
            return document.toString();
        }

        @Override
        public Optional<Message> lastMessageOfThread(AccountId accountId, ThreadId threadId) {
            List<Message> all = messagesOfThread(accountId, threadId);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        }

        @Override
        public Page<BoundedMessage> threadMessages(AccountId accountId, ThreadId threadId, PageRequest page,
                                                   BodyBudget budget) {
            List<Message> all = messagesOfThread(accountId, threadId);
            List<Message> window = all.stream().skip(page.offset()).limit(page.limit()).toList();
            return new Page<>(cut(window, budget), all.size());
        }

        private static List<BoundedMessage> cut(List<Message> window, BodyBudget budget) {
            int level = budget.level(window.stream()
                    .flatMap(message -> Stream.of(message.bodyText(), message.bodyHtml()))
                    .map(body -> body == null ? 0L : (long) body.length()).toList());
            int textLevel = budget.level(window.stream()
                    .flatMap(message -> message.attachments().stream())
                    .map(attachment -> attachment.textOrNull() == null || attachment.textOrNull().textOrNull() == null
                            ? 0L : (long) attachment.textOrNull().textOrNull().length())
                    .toList());
            return window.stream()
                    .map(message -> message.withAttachments(message.attachments().stream()
                            .map(attachment -> attachment.withTextCutTo(textLevel)).toList()))
                    .map(message -> BoundedMessage.cut(message, level)).toList();
        }

        @Override
        public Optional<Message> findMessage(AccountId accountId, MessageId id) {
            synchronized (InMemoryStore.this) {
                return stored(accountId, id).map(StoredMessage::message);
            }
        }

        @Override
        public Optional<StoredAttachment> findAttachment(AccountId accountId, MessageId messageId, String filename) {
            synchronized (InMemoryStore.this) {
                return stored(accountId, messageId).flatMap(stored -> stored.attachments().stream()
                        .filter(attachment -> attachment.info().filename().equals(filename))
                        .findFirst()
                        .map(attachment -> new StoredAttachment(attachment.info(), attachment.content().clone())));
            }
        }

        @Override
        public Optional<byte[]> findRaw(AccountId accountId, MessageId messageId) {
            synchronized (InMemoryStore.this) {
                return stored(accountId, messageId).map(stored -> stored.raw().clone());
            }
        }

        @Override
        public void insertThread(MailThread thread) {
            synchronized (InMemoryStore.this) {
                ThreadKey key = new ThreadKey(thread.accountId(), thread.id());
                if (state.threads.containsKey(key)) {
                    throw new IllegalStateException("duplicate primary key: thread " + thread.id() + " already exists");
                }
                if (!state.inboxes.containsKey(new InboxKey(thread.accountId(), thread.inboxId()))) {
                    throw new InboxGoneException();
                }
                state.threads.put(key, thread);
            }
        }

        /** Changes the read mark, the message count and the last message time only, as the database's UPDATE does. */
        @Override
        public boolean updateThread(MailThread thread) {
            synchronized (InMemoryStore.this) {
                ThreadKey key = new ThreadKey(thread.accountId(), thread.id());
                MailThread stored = state.threads.get(key);
                if (stored == null) {
                    return false;
                }
                state.threads.put(key, new MailThread(stored.id(), stored.accountId(), stored.podId(),
                        stored.inboxId(), stored.subject(), thread.isRead(), thread.lastMessageAt(),
                        stored.createdAt(), thread.messageCount()));
                return true;
            }
        }

        /** Changes the status only; a message that is gone, or of another account, is left as it is. */
        @Override
        public void updateStatus(AccountId accountId, MessageId messageId, MessageStatus status) {
            synchronized (InMemoryStore.this) {
                Objects.requireNonNull(status);
                MessageKey key = new MessageKey(accountId, messageId);
                StoredMessage stored = state.messages.get(key);
                if (stored == null) {
                    return;
                }
                Message m = stored.message();
                state.messages.put(key, new StoredMessage(new Message(m.id(), m.accountId(), m.podId(), m.inboxId(),
                        m.threadId(), m.direction(), status, m.fromAddr(), m.toAddr(), m.headerTo(), m.deliveryRole(),
                        m.cc(), m.subject(), m.bodyText(), m.bodyHtml(), m.attachments(), m.rfcMessageId(),
                        m.inReplyTo(), m.references(), m.createdAt(), m.authentication()), stored.raw(),
                        stored.attachments()));
            }
        }

        @Override
        public void insertMessage(Message message, byte[] raw, List<ParsedAttachment> attachments) {
            synchronized (InMemoryStore.this) {
                requireStorable(message, raw, attachments);
                MessageKey key = new MessageKey(message.accountId(), message.id());
                if (state.messages.containsKey(key)) {
                    throw new IllegalStateException("duplicate primary key: message " + message.id()
                            + " already exists");
                }
                if (!state.inboxes.containsKey(new InboxKey(message.accountId(), message.inboxId()))) {
                    throw new InboxGoneException();
                }
                MailThread thread = state.threads.get(new ThreadKey(message.accountId(), message.threadId()));
                if (thread == null || !thread.inboxId().equals(message.inboxId())) {
                    throw new IllegalStateException("foreign key: message " + message.id() + " refers to thread "
                            + message.threadId() + " of inbox " + message.inboxId() + ", which does not exist");
                }
                List<StoredAttachment> contents = new ArrayList<>();
                for (int i = 0; i < attachments.size(); i++) {
                    contents.add(new StoredAttachment(message.attachments().get(i),
                            attachments.get(i).content().clone()));
                }
                state.messages.put(key, new StoredMessage(message, raw.clone(), List.copyOf(contents)));
            }
        }

        private Optional<StoredMessage> stored(AccountId accountId, MessageId id) {
            return Optional.ofNullable(state.messages.get(new MessageKey(accountId, id)));
        }
    }

    /**
     * {@link Outbox} over the store's rows, under the store's lock, with the rules of the outbox table: an entry needs
     * its message and is one per message; recipients are refused when one holds a line break (they are stored
     * newline-joined); an error is cut to its first {@link #LAST_ERROR_MAX_CHARS} characters. Claims are kept in
     * whole milliseconds and entries are claimed in the database's order: next attempt, then account id, then message
     * id.
     */
    /** The extraction queue and the attachments' texts, as JdbcExtractionJobs keeps them. */
    public final class ExtractionRows implements ExtractionJobs, AttachmentTexts {

        private ExtractionRows() {
        }

        @Override
        public void enqueue(AccountId accountId, MessageId messageId, Instant createdAt) {
            synchronized (InMemoryStore.this) {
                MessageKey key = new MessageKey(accountId, messageId);
                if (state.extractionJobs.containsKey(key)) {
                    throw new IllegalStateException("duplicate primary key: an extraction job for message "
                            + messageId + " already exists");
                }
                if (!state.messages.containsKey(key)) {
                    throw new IllegalStateException("foreign key: an extraction job refers to message " + messageId
                            + ", which does not exist");
                }
                state.extractionJobs.put(key, new ExtractionJob(accountId, messageId,
                        Instant.ofEpochMilli(createdAt.toEpochMilli()), 0, false));
            }
        }

        @Override
        public List<ExtractionJob> claim(Instant now, Duration lease, int max) {
            synchronized (InMemoryStore.this) {
                long at = now.toEpochMilli();
                long until = Math.addExact(at, lease.toMillis());
                List<MessageKey> free = state.extractionJobs.entrySet().stream()
                        .filter(row -> {
                            Long claimed = state.extractionClaims.get(row.getKey());
                            return claimed == null || claimed < at;
                        })
                        .sorted(Comparator.comparing((Map.Entry<MessageKey, ExtractionJob> row) ->
                                        row.getValue().createdAt())
                                .thenComparing(row -> row.getKey().accountId().value())
                                .thenComparing(row -> row.getKey().messageId().value()))
                        .limit(Math.max(0, max))
                        .map(Map.Entry::getKey)
                        .toList();
                List<ExtractionJob> claimed = new ArrayList<>();
                for (MessageKey key : free) {
                    ExtractionJob was = state.extractionJobs.get(key);
                    ExtractionJob now1 = new ExtractionJob(was.accountId(), was.messageId(), was.createdAt(),
                            was.attempts() + 1, was.eventRecorded());
                    state.extractionJobs.put(key, now1);
                    state.extractionClaims.put(key, until);
                    claimed.add(now1);
                }
                return claimed;
            }
        }

        @Override
        public boolean renew(AccountId accountId, MessageId messageId, int attempt, Instant until) {
            synchronized (InMemoryStore.this) {
                MessageKey key = new MessageKey(accountId, messageId);
                ExtractionJob job = state.extractionJobs.get(key);
                if (job == null || job.attempts() != attempt) {
                    return false;
                }
                state.extractionClaims.put(key, until.toEpochMilli());
                return true;
            }
        }

        @Override
        public boolean markEventRecorded(AccountId accountId, MessageId messageId) {
            synchronized (InMemoryStore.this) {
                MessageKey key = new MessageKey(accountId, messageId);
                ExtractionJob was = state.extractionJobs.get(key);
                if (was == null || was.eventRecorded()) {
                    return false;
                }
                state.extractionJobs.put(key, new ExtractionJob(was.accountId(), was.messageId(), was.createdAt(),
                        was.attempts(), true));
                return true;
            }
        }

        @Override
        public List<ExtractionJob> overdue(Instant cutoff, int max) {
            synchronized (InMemoryStore.this) {
                return state.extractionJobs.values().stream()
                        .filter(job -> !job.eventRecorded() && job.createdAt().isBefore(cutoff))
                        .sorted(Comparator.comparing(ExtractionJob::createdAt)
                                .thenComparing(job -> job.accountId().value())
                                .thenComparing(job -> job.messageId().value()))
                        .limit(Math.max(0, max))
                        .toList();
            }
        }

        @Override
        public boolean remove(AccountId accountId, MessageId messageId) {
            synchronized (InMemoryStore.this) {
                MessageKey key = new MessageKey(accountId, messageId);
                state.extractionClaims.remove(key);
                return state.extractionJobs.remove(key) != null;
            }
        }

        @Override
        public Optional<StoredAttachment> attachmentAt(AccountId accountId, MessageId messageId, int position) {
            synchronized (InMemoryStore.this) {
                StoredMessage stored = state.messages.get(new MessageKey(accountId, messageId));
                if (stored == null || position < 0 || position >= stored.attachments().size()) {
                    return Optional.empty();
                }
                StoredAttachment attachment = stored.attachments().get(position);
                return Optional.of(new StoredAttachment(attachment.info(), attachment.content().clone()));
            }
        }

        @Override
        public void storeText(AccountId accountId, MessageId messageId, int position, AttachmentText text) {
            synchronized (InMemoryStore.this) {
                Objects.requireNonNull(text);
                MessageKey key = new MessageKey(accountId, messageId);
                StoredMessage stored = state.messages.get(key);
                if (stored == null || position < 0 || position >= stored.message().attachments().size()) {
                    return;
                }
                List<AttachmentInfo> infos = new ArrayList<>(stored.message().attachments());
                infos.set(position, infos.get(position).withText(text));
                state.messages.put(key, new StoredMessage(stored.message().withAttachments(infos), stored.raw(),
                        stored.attachments()));
            }
        }
    }

    public final class OutboxRows implements Outbox {

        /** As JdbcOutbox.LAST_ERROR_MAX_CHARS: the most of an error that the TEXT column is sure to hold. */
        public static final int LAST_ERROR_MAX_CHARS = 16_000;

        private OutboxRows() {
        }

        @Override
        public void enqueue(OutboxEntry entry) {
            synchronized (InMemoryStore.this) {
                MessageKey key = new MessageKey(entry.accountId(), entry.messageId());
                if (state.outbox.containsKey(key)) {
                    throw new IllegalStateException("duplicate primary key: an outbox entry for message "
                            + entry.messageId() + " already exists");
                }
                if (!state.messages.containsKey(key)) {
                    throw new IllegalStateException("foreign key: an outbox entry refers to message "
                            + entry.messageId() + " of account " + entry.accountId() + ", which does not exist");
                }
                entry.recipients().stream().filter(recipient -> recipient.indexOf('\n') >= 0).findFirst()
                        .ifPresent(recipient -> {
                            throw new IllegalArgumentException("a recipient holds a line break: " + recipient);
                        });
                state.outbox.put(key, new QueuedEntry(kept(entry), null));
            }
        }

        @Override
        public List<OutboxEntry> claimDue(Instant now, Duration lease, int max) {
            synchronized (InMemoryStore.this) {
                Objects.requireNonNull(now);
                if (lease.isNegative()) {
                    throw new IllegalArgumentException("a lease cannot end before it starts: " + lease);
                }
                long at = now.toEpochMilli();
                long until = Math.addExact(at, lease.toMillis());
                List<Map.Entry<MessageKey, QueuedEntry>> due = state.outbox.entrySet().stream()
                        .filter(row -> row.getValue().entry().nextAttemptAt().toEpochMilli() <= at
                                && (row.getValue().claimedUntil() == null || row.getValue().claimedUntil() < at))
                        .sorted(Comparator.comparing((Map.Entry<MessageKey, QueuedEntry> row) ->
                                        row.getValue().entry().nextAttemptAt())
                                .thenComparing(row -> row.getKey().accountId().value())
                                .thenComparing(row -> row.getKey().messageId().value()))
                        .limit(Math.max(0, max))
                        .toList();
                List<OutboxEntry> claimed = new ArrayList<>();
                for (Map.Entry<MessageKey, QueuedEntry> row : due) {
                    state.outbox.put(row.getKey(), new QueuedEntry(row.getValue().entry(), until));
                    claimed.add(row.getValue().entry());
                }
                return claimed;
            }
        }

        @Override
        public java.util.OptionalLong claimedUntil(AccountId accountId, MessageId messageId) {
            synchronized (InMemoryStore.this) {
                QueuedEntry stored = state.outbox.get(new MessageKey(accountId, messageId));
                return stored == null || stored.claimedUntil() == null ? java.util.OptionalLong.empty()
                        : java.util.OptionalLong.of(stored.claimedUntil());
            }
        }

        /** Stores the recipients, attempts, next attempt and error, and ends the claim, as the database's UPDATE. */
        @Override
        public void reschedule(OutboxEntry entry) {
            synchronized (InMemoryStore.this) {
                MessageKey key = new MessageKey(entry.accountId(), entry.messageId());
                QueuedEntry stored = state.outbox.get(key);
                if (stored == null) {
                    return;
                }
                OutboxEntry was = stored.entry();
                state.outbox.put(key, new QueuedEntry(kept(new OutboxEntry(was.accountId(), was.messageId(),
                        was.envelopeFrom(), entry.recipients(), entry.attempts(), entry.nextAttemptAt(),
                        entry.lastError())), null));
            }
        }

        @Override
        public void remove(AccountId accountId, MessageId messageId) {
            synchronized (InMemoryStore.this) {
                state.outbox.remove(new MessageKey(accountId, messageId));
            }
        }

        /** The entry with its error cut as the JDBC store cuts it, never between the halves of a surrogate pair. */
        private static OutboxEntry kept(OutboxEntry entry) {
            String error = entry.lastError();
            if (error == null || error.length() <= LAST_ERROR_MAX_CHARS) {
                return entry;
            }
            int end = Character.isHighSurrogate(error.charAt(LAST_ERROR_MAX_CHARS - 1)) ? LAST_ERROR_MAX_CHARS - 1
                    : LAST_ERROR_MAX_CHARS;
            return new OutboxEntry(entry.accountId(), entry.messageId(), entry.envelopeFrom(), entry.recipients(),
                    entry.attempts(), entry.nextAttemptAt(), error.substring(0, end));
        }
    }

    /**
     * {@link IdempotentSends} over the store's rows, under the store's lock, with the rules of their table: one send
     * per key of an inbox of an account, compared exactly; a send needs its inbox and its message; keys the ASCII,
     * trailing-space-blind column could not hold exactly (over 255 characters, or anything but visible ASCII) and
     * fingerprints that are not a lower-case hex SHA-256 are refused, and such keys are found nowhere.
     */
    public final class IdempotentSendRows implements IdempotentSends {

        private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

        private IdempotentSendRows() {
        }

        @Override
        public Optional<IdempotentSend> find(AccountId accountId, String key, Instant notBefore) {
            synchronized (InMemoryStore.this) {
                return Optional.ofNullable(state.idempotentSends.get(new SendKey(accountId, key)))
                        .filter(send -> !send.createdAt().isBefore(notBefore.truncatedTo(ChronoUnit.MILLIS)));
            }
        }

        @Override
        public void insert(IdempotentSend send, Instant expiredBefore) {
            synchronized (InMemoryStore.this) {
                if (!storableKey(send.key())) {
                    throw new IllegalArgumentException("an idempotency key must be at most "
                            + IdempotentSend.MAX_KEY_LENGTH + " visible ASCII characters: " + send.key());
                }
                if (!FINGERPRINT.matcher(send.fingerprint()).matches()) {
                    throw new IllegalArgumentException("a fingerprint is a lower-case hex SHA-256: "
                            + send.fingerprint());
                }
                SendKey key = new SendKey(send.accountId(), send.key());
                IdempotentSend holder = state.idempotentSends.get(key);
                if (holder != null && !holder.createdAt().isBefore(expiredBefore.truncatedTo(ChronoUnit.MILLIS))) {
                    throw new IdempotencyKeyTakenException();
                }
                if (!state.inboxes.containsKey(new InboxKey(send.accountId(), send.inboxId()))) {
                    throw new IllegalStateException("foreign key: an idempotent send refers to inbox "
                            + send.inboxId() + " of account " + send.accountId() + ", which does not exist");
                }
                if (!state.messages.containsKey(new MessageKey(send.accountId(), send.messageId()))) {
                    throw new IllegalStateException("foreign key: an idempotent send refers to message "
                            + send.messageId() + " of account " + send.accountId() + ", which does not exist");
                }
                state.idempotentSends.put(key, send);
            }
        }

        private static boolean storableKey(String key) {
            return key.length() <= IdempotentSend.MAX_KEY_LENGTH && key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        }
    }

    /**
     * Refuses, as the JDBC store does, what its columns could not give back: a cc address or reference holding a line
     * break (lists are stored newline-joined), and attachment bytes that are not the attachments the message lists.
     */
    private static void requireStorable(Message message, byte[] raw, List<ParsedAttachment> attachments) {
        Objects.requireNonNull(raw);
        message.requireListedAttachments(attachments);
        Stream.concat(message.cc().stream(), message.references().stream())
                .filter(value -> value.indexOf('\n') >= 0)
                .findFirst()
                .ifPresent(value -> {
                    throw new IllegalArgumentException("a cc address or reference holds a line break: " + value);
                });
    }

    private record PodKey(AccountId accountId, PodId podId) {
        static PodKey of(Pod pod) {
            return new PodKey(pod.accountId(), pod.id());
        }
    }

    private record InboxKey(AccountId accountId, InboxId inboxId) {
        static InboxKey of(Inbox inbox) {
            return new InboxKey(inbox.accountId(), inbox.id());
        }
    }

    private record DomainKey(AccountId accountId, DomainId domainId) {
        static DomainKey of(MailDomain domain) {
            return new DomainKey(domain.accountId(), domain.id());
        }
    }

    private record ThreadKey(AccountId accountId, ThreadId threadId) {
    }

    private record MessageKey(AccountId accountId, MessageId messageId) {
    }

    private record SendKey(AccountId accountId, String key) {
    }

    /** An outbox row: the entry, and the end of its claim in epoch milliseconds (null when unclaimed). */
    /**
     * The event log over the store's rows, with the rules of its table: positions count up from 1 and are never given
     * twice, also after a rollback took an event back (as AUTO_INCREMENT); an event of an inbox that is gone is not
     * written; an event id is written once.
     */
    public final class EventRows implements RecordEvents, LoadEvents, ExpireEvents {

        private EventRows() {
        }

        @Override
        public void record(List<MailEvent> recorded) {
            synchronized (InMemoryStore.this) {
                for (MailEvent event : recorded) {
                    if (state.events.stream().anyMatch(logged -> logged.event().id().equals(event.id()))) {
                        throw new IllegalStateException("duplicate key: event " + event.id() + " already exists");
                    }
                    if (state.inboxes.containsKey(new InboxKey(event.accountId(), event.inboxId()))) {
                        state.events.add(new LoggedEvent(++lastEventPosition, event));
                        state.deliveries.put(event.id(), new QueuedDelivery(WebhookDelivery.of(event), null));
                    }
                }
            }
        }

        @Override
        public List<LoggedEvent> ofAccount(AccountId accountId, int limit) {
            synchronized (InMemoryStore.this) {
                return state.events.stream().filter(logged -> logged.event().accountId().equals(accountId))
                        .limit(limit).toList();
            }
        }

        @Override
        public OptionalLong positionOf(AccountId accountId, EventId id) {
            synchronized (InMemoryStore.this) {
                return state.events.stream()
                        .filter(logged -> logged.event().accountId().equals(accountId) && logged.event().id().equals(id))
                        .mapToLong(LoggedEvent::position).findFirst();
            }
        }

        @Override
        public List<LoggedEvent> ofAccountAfterPosition(AccountId accountId, long position, int limit) {
            synchronized (InMemoryStore.this) {
                return state.events.stream()
                        .filter(logged -> logged.event().accountId().equals(accountId) && logged.position() > position)
                        .limit(limit).toList();
            }
        }

        @Override
        public Optional<LoggedEvent> lastOfAccount(AccountId accountId) {
            synchronized (InMemoryStore.this) {
                return state.events.stream().filter(logged -> logged.event().accountId().equals(accountId))
                        .reduce((earlier, later) -> later);
            }
        }

        @Override
        public Optional<List<LoggedEvent>> ofAccountAfter(AccountId accountId, EventId after, int limit) {
            synchronized (InMemoryStore.this) {
                return state.events.stream()
                        .filter(logged -> logged.event().accountId().equals(accountId)
                                && logged.event().id().equals(after))
                        .findFirst()
                        .map(from -> state.events.stream()
                                .filter(logged -> logged.event().accountId().equals(accountId)
                                        && logged.position() > from.position())
                                .limit(limit).toList());
            }
        }

        @Override
        public Optional<MailEvent> find(AccountId accountId, EventId id) {
            synchronized (InMemoryStore.this) {
                return state.events.stream().map(LoggedEvent::event)
                        .filter(event -> event.accountId().equals(accountId) && event.id().equals(id)).findFirst();
            }
        }

        @Override
        public long lastPosition() {
            synchronized (InMemoryStore.this) {
                return state.events.stream().mapToLong(LoggedEvent::position).max().orElse(0);
            }
        }

        @Override
        public List<LoggedEvent> after(long position, int limit) {
            synchronized (InMemoryStore.this) {
                return state.events.stream().filter(logged -> logged.position() > position).limit(limit).toList();
            }
        }

        @Override
        public int removeOccurredBefore(Instant cutoff, int max) {
            synchronized (InMemoryStore.this) {
                List<LoggedEvent> expired = state.events.stream()
                        .filter(logged -> logged.event().occurredAt().isBefore(cutoff))
                        .sorted(Comparator.comparing((LoggedEvent logged) -> logged.event().occurredAt())
                                .thenComparingLong(LoggedEvent::position))
                        .limit(max).toList();
                state.events.removeAll(expired);
                expired.forEach(logged -> state.deliveries.remove(logged.event().id()));
                return expired.size();
            }
        }
    }

    /**
     * Webhook deliveries, their log and accounts' webhooks over the store's rows, with the rules of their tables: a
     * delivery goes with its event, a log entry with its inbox, and claiming is as the outbox's.
     */
    public final class WebhookRows implements WebhookDeliveries, AccountWebhooks {

        private WebhookRows() {
        }

        @Override
        public List<WebhookDelivery> claimDue(Instant now, Duration lease, int max) {
            synchronized (InMemoryStore.this) {
                long at = now.toEpochMilli();
                long until = Math.addExact(at, lease.toMillis());
                List<WebhookDelivery> due = state.deliveries.values().stream()
                        .filter(queued -> queued.delivery().status() == DeliveryStatus.PENDING
                                && queued.delivery().nextAttemptAt().toEpochMilli() <= at
                                && (queued.claimedUntil() == null || queued.claimedUntil() < at))
                        .map(QueuedDelivery::delivery)
                        .sorted(Comparator.comparing(WebhookDelivery::nextAttemptAt)
                                .thenComparing(delivery -> delivery.eventId().value()))
                        .limit(Math.max(0, max)).toList();
                due.forEach(delivery -> state.deliveries.put(delivery.eventId(), new QueuedDelivery(delivery, until)));
                return due;
            }
        }

        @Override
        public void update(WebhookDelivery delivery) {
            synchronized (InMemoryStore.this) {
                state.deliveries.computeIfPresent(delivery.eventId(), (id, was) -> new QueuedDelivery(delivery, null));
            }
        }

        /** The delivery of an event as stored, if it still is. */
        public Optional<WebhookDelivery> delivery(EventId eventId) {
            synchronized (InMemoryStore.this) {
                return Optional.ofNullable(state.deliveries.get(eventId)).map(QueuedDelivery::delivery);
            }
        }

        @Override
        public void log(WebhookAttempt attempt) {
            synchronized (InMemoryStore.this) {
                if (attempt.inboxId() == null
                        || state.inboxes.containsKey(new InboxKey(attempt.accountId(), attempt.inboxId()))) {
                    state.attempts.add(attempt);
                }
            }
        }

        @Override
        public Page<WebhookAttempt> attemptsOfInbox(AccountId accountId, InboxId inboxId, PageRequest page) {
            return attempts(attempt -> attempt.accountId().equals(accountId) && inboxId.equals(attempt.inboxId()),
                    page);
        }

        @Override
        public Page<WebhookAttempt> attemptsOfAccount(AccountId accountId, PageRequest page) {
            return attempts(attempt -> attempt.accountId().equals(accountId), page);
        }

        private Page<WebhookAttempt> attempts(java.util.function.Predicate<WebhookAttempt> which, PageRequest page) {
            synchronized (InMemoryStore.this) {
                List<WebhookAttempt> all = new ArrayList<>(state.attempts.stream().filter(which).toList());
                Collections.reverse(all);
                return new Page<>(all.stream().skip(page.offset()).limit(page.limit()).toList(), all.size());
            }
        }

        @Override
        public int removeAttemptsBefore(Instant cutoff, int max) {
            synchronized (InMemoryStore.this) {
                List<WebhookAttempt> expired = state.attempts.stream().filter(attempt -> attempt.at().isBefore(cutoff))
                        .limit(Math.max(0, max)).toList();
                state.attempts.removeAll(expired);
                return expired.size();
            }
        }

        @Override
        public Optional<AccountWebhook> find(AccountId accountId) {
            synchronized (InMemoryStore.this) {
                return Optional.ofNullable(state.accountWebhooks.get(accountId));
            }
        }

        @Override
        public Optional<AccountWebhook> findForUpdate(AccountId accountId) {
            return find(accountId);
        }

        @Override
        public void save(AccountId accountId, AccountWebhook webhook) {
            synchronized (InMemoryStore.this) {
                state.accountWebhooks.put(accountId, webhook);
            }
        }

        @Override
        public void remove(AccountId accountId) {
            synchronized (InMemoryStore.this) {
                state.accountWebhooks.remove(accountId);
            }
        }
    }

    /** The ports of cold outreach over this store's rows (see {@link #coldOutreach()}). */
    public final class ColdOutreachRows implements Correspondents, ColdSendCounters, AccountSendLimits {

        private ColdOutreachRows() {
        }

        @Override
        public void record(AccountId accountId, InboxId inboxId, String address) {
            synchronized (InMemoryStore.this) {
                requireTransaction("a correspondent is recorded with its message");
                if (state.inboxes.values().stream().anyMatch(inbox -> inbox.accountId().equals(accountId)
                        && inbox.id().equals(inboxId))) {
                    state.correspondents.add(List.of(accountId.value(), inboxId.value(), address));
                }
            }
        }

        @Override
        public Set<String> warmAmong(AccountId accountId, InboxId inboxId, Collection<String> addresses) {
            synchronized (InMemoryStore.this) {
                Set<String> warm = new LinkedHashSet<>();
                for (String address : addresses) {
                    if (state.correspondents.contains(List.of(accountId.value(), inboxId.value(), address))) {
                        warm.add(address);
                    }
                }
                return warm;
            }
        }

        @Override
        public boolean tryCountForInbox(AccountId accountId, InboxId inboxId, long dayStart, int sends, int cap) {
            return tryCount(List.of(accountId.value(), inboxId.value()), dayStart, sends, cap);
        }

        @Override
        public boolean tryCountForAccount(AccountId accountId, long dayStart, int sends, int cap) {
            return tryCount(List.of(accountId.value(), ""), dayStart, sends, cap);
        }

        private boolean tryCount(List<String> key, long dayStart, int sends, int cap) {
            if (cap < 1 || sends < 1) {
                throw new IllegalArgumentException("a cap and a count are at least 1: " + cap + ", " + sends);
            }
            synchronized (InMemoryStore.this) {
                requireTransaction("a cold send is counted in the send's transaction");
                long[] count = state.coldCounts.get(key);
                long counted = count == null || count[0] < dayStart ? 0 : count[0] == dayStart ? count[1] : cap;
                if (counted + sends > cap) {
                    return false;
                }
                state.coldCounts.put(key, new long[] {dayStart, counted + sends});
                return true;
            }
        }

        /** The cold sends counted for the inbox on the day starting {@code dayStart}. */
        public long countedForInbox(AccountId accountId, InboxId inboxId, long dayStart) {
            return counted(List.of(accountId.value(), inboxId.value()), dayStart);
        }

        /** The cold sends counted for the account on the day starting {@code dayStart}. */
        public long countedForAccount(AccountId accountId, long dayStart) {
            return counted(List.of(accountId.value(), ""), dayStart);
        }

        private long counted(List<String> key, long dayStart) {
            synchronized (InMemoryStore.this) {
                long[] count = state.coldCounts.get(key);
                return count == null || count[0] != dayStart ? 0 : count[1];
            }
        }

        @Override
        public SendLimitOverrides find(AccountId accountId) {
            synchronized (InMemoryStore.this) {
                return state.sendLimitOverrides.getOrDefault(accountId, SendLimitOverrides.NONE);
            }
        }

        @Override
        public void save(AccountId accountId, SendLimitOverrides overrides) {
            synchronized (InMemoryStore.this) {
                if (overrides.isEmpty()) {
                    state.sendLimitOverrides.remove(accountId);
                } else {
                    state.sendLimitOverrides.put(accountId, overrides);
                }
            }
        }
    }

    private record QueuedEntry(OutboxEntry entry, Long claimedUntil) {
    }

    private record QueuedDelivery(WebhookDelivery delivery, Long claimedUntil) {
    }

    /** A message row with its raw form, and its attachment rows in order. Never changed once stored. */
    private record StoredMessage(Message message, byte[] raw, List<StoredAttachment> attachments) {
    }

    /**
     * All rows. Domain objects are immutable, and stored bytes are never written to after they are copied in, so a
     * copy of the collections is a full snapshot.
     */
    private static final class State {
        final Map<AccountId, Account> accounts;
        final Map<ApiKeyId, ApiKey> keys;
        final Map<PodKey, Pod> pods;
        final Map<InboxKey, Inbox> inboxes;
        final Map<DomainKey, MailDomain> domains;
        final Map<ThreadKey, MailThread> threads;
        final Map<MessageKey, StoredMessage> messages;
        final Map<MessageKey, QueuedEntry> outbox;
        final Map<SendKey, IdempotentSend> idempotentSends;
        final List<LoggedEvent> events;
        final Map<EventId, QueuedDelivery> deliveries;
        final List<WebhookAttempt> attempts;
        final Map<AccountId, AccountWebhook> accountWebhooks;

        State() {
            this(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), List.of(),
                    Map.of(), List.of(), Map.of());
        }

        private State(Map<AccountId, Account> accounts, Map<ApiKeyId, ApiKey> keys, Map<PodKey, Pod> pods,
                      Map<InboxKey, Inbox> inboxes, Map<DomainKey, MailDomain> domains,
                      Map<ThreadKey, MailThread> threads, Map<MessageKey, StoredMessage> messages,
                      Map<MessageKey, QueuedEntry> outbox, Map<SendKey, IdempotentSend> idempotentSends,
                      List<LoggedEvent> events, Map<EventId, QueuedDelivery> deliveries,
                      List<WebhookAttempt> attempts, Map<AccountId, AccountWebhook> accountWebhooks) {
            this.accounts = new LinkedHashMap<>(accounts);
            this.keys = new LinkedHashMap<>(keys);
            this.pods = new LinkedHashMap<>(pods);
            this.inboxes = new LinkedHashMap<>(inboxes);
            this.domains = new LinkedHashMap<>(domains);
            this.threads = new LinkedHashMap<>(threads);
            this.messages = new LinkedHashMap<>(messages);
            this.outbox = new LinkedHashMap<>(outbox);
            this.idempotentSends = new LinkedHashMap<>(idempotentSends);
            this.events = new ArrayList<>(events);
            this.deliveries = new LinkedHashMap<>(deliveries);
            this.attempts = new ArrayList<>(attempts);
            this.accountWebhooks = new LinkedHashMap<>(accountWebhooks);
        }

        /** Correspondents (V20): account, inbox and lower-case address. */
        final Set<List<String>> correspondents = new LinkedHashSet<>();
        /** Cold sends of the day (V20), keyed by account and inbox (empty for the account's count): day start, count. */
        final Map<List<String>, long[]> coldCounts = new LinkedHashMap<>();
        /** Accounts' send-limit overrides (V20). */
        final Map<AccountId, SendLimitOverrides> sendLimitOverrides = new LinkedHashMap<>();
        /** The extraction jobs (V15), by message; they go with their message. */
        final Map<MessageKey, ExtractionJob> extractionJobs = new LinkedHashMap<>();
        /** When each extraction job's claim ends; absent: never claimed. */
        final Map<MessageKey, Long> extractionClaims = new LinkedHashMap<>();

        State copy() {
            State copy = new State(accounts, keys, pods, inboxes, domains, threads, messages, outbox, idempotentSends,
                    events, deliveries, attempts, accountWebhooks);
            copy.extractionJobs.putAll(extractionJobs);
            copy.extractionClaims.putAll(extractionClaims);
            copy.correspondents.addAll(correspondents);
            coldCounts.forEach((key, count) -> copy.coldCounts.put(key, count.clone()));
            copy.sendLimitOverrides.putAll(sendLimitOverrides);
            return copy;
        }
    }
}
