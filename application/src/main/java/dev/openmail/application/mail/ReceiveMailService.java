package dev.openmail.application.mail;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.Authentication;
import dev.openmail.domain.mail.LocalSenders;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.SpamVerdict;
import dev.openmail.domain.mail.ParsedMail;
import dev.openmail.domain.port.in.ReceiveMail;
import dev.openmail.domain.port.out.AuthenticateMail;
import dev.openmail.domain.port.out.Correspondents;
import dev.openmail.domain.port.out.ExtractionJobs;
import dev.openmail.domain.port.out.LoadAccounts;
import dev.openmail.domain.port.out.LoadDomains;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.ParseMail;
import dev.openmail.domain.port.out.RecordEvents;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.ScanMail;
import dev.openmail.domain.port.out.SenderRuleStore;
import dev.openmail.domain.senderrule.FilterMode;
import dev.openmail.domain.senderrule.SenderRule;
import dev.openmail.domain.senderrule.SenderRules;
import dev.openmail.domain.port.out.StorageUsage;
import dev.openmail.domain.port.out.Transactions;
import dev.openmail.domain.usage.StorageQuotas;
import dev.openmail.domain.usage.StoredSize;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Files an arriving message in each recipient's inbox: parsed once, then stored per inbox with its thread, all in one
 * transaction, so that either every inbox has it or none does. Each inbox's copy is reported by a
 * {@code message.received} event written in that same transaction.
 *
 * <p>Before filing, each inbox's sender rules decide (see {@link SenderRules}): the account's rules and the inbox's
 * pod's rules together, under the pod's filter mode when the pod has one set, else the account's (none by default).
 * A message filtered for an inbox is not stored there and records no event for it; the block rule that filtered it
 * counts one hit for the day (UTC). The SMTP answer does not change, so senders cannot probe the rules.
 *
 * <p>Mail from an SMTP client whose From address is on a domain this installation hosts and which does not pass
 * DMARC is marked as a spoofed local sender ({@link LocalSenders}); an account that chose to drop such mail gets it
 * in none of its inboxes (still accepted, stored nowhere, no event). With a spam scanner configured, mail from an SMTP
 * client is scanned before its transaction opens, and its verdict stored with each copy.
 *
 * <p>Then storage quotas (see {@link StorageQuotas}): when the message does not fit into one of the inboxes that would
 * store it, or into its account, nothing is stored for anyone (and no rule hit is counted) and the answer says why;
 * else each stored copy is counted in its inbox's and account's usage, in the same transaction.
 */
public final class ReceiveMailService implements ReceiveMail {

    private final Transactions transactions;
    private final LoadInboxes loadInboxes;
    private final MailFiling filing;
    private final ParseMail parseMail;
    private final RecordEvents recordEvents;
    private final SenderRuleStore senderRules;
    private final Clock clock;
    private final AuthenticateMail authenticateMail;
    private final String hostName;
    private final LoadAccounts loadAccounts;
    private final LoadDomains loadDomains;
    private final String installationDomain;
    private final ScanMail scanMail;
    private final StorageAccounting storage;
    /** Null: every copy's event is recorded at once (no extraction). */
    private final ExtractionJobs extractionJobs;

    /** Without authentication: messages are stored as given (tests of filing alone). */
    public ReceiveMailService(Transactions transactions, LoadInboxes loadInboxes, LoadMail loadMail, SaveMail saveMail,
                              ParseMail parseMail, RecordEvents recordEvents, SenderRuleStore senderRules,
                              Clock clock, StorageUsage usage, StorageQuotas quotas) {
        this(transactions, loadInboxes, loadMail, saveMail, parseMail, recordEvents, senderRules, clock, usage, quotas,
                null, null);
    }

    /**
     * {@code hostName} names this server in the {@code Received} and {@code Authentication-Results} headers added to
     * mail from an SMTP client; {@code authenticateMail} checks its sender.
     */
    public ReceiveMailService(Transactions transactions, LoadInboxes loadInboxes, LoadMail loadMail, SaveMail saveMail,
                              ParseMail parseMail, RecordEvents recordEvents, SenderRuleStore senderRules,
                              Clock clock, StorageUsage usage, StorageQuotas quotas,
                              AuthenticateMail authenticateMail, String hostName) {
        this(transactions, loadInboxes, loadMail, saveMail, parseMail, recordEvents, senderRules, clock, usage, quotas,
                authenticateMail, hostName, null, null, null, ScanMail.NONE);
    }

    /**
     * As above, and: {@code installationDomain} (the installation's own mail domain) and every account's verified
     * domain ({@code loadDomains}) are the domains whose senders must pass DMARC; {@code loadAccounts} tells whether
     * an account drops spoofed local mail; {@code scanMail} asks the spam scanner ({@link ScanMail#NONE} for none).
     */
    public ReceiveMailService(Transactions transactions, LoadInboxes loadInboxes, LoadMail loadMail, SaveMail saveMail,
                              ParseMail parseMail, RecordEvents recordEvents, SenderRuleStore senderRules,
                              Clock clock, StorageUsage usage, StorageQuotas quotas,
                              AuthenticateMail authenticateMail, String hostName,
                              LoadAccounts loadAccounts, LoadDomains loadDomains, String installationDomain,
                              ScanMail scanMail) {
        this(transactions, loadInboxes, loadMail, saveMail, parseMail, recordEvents, senderRules, clock, usage, quotas,
                authenticateMail, hostName, loadAccounts, loadDomains, installationDomain, scanMail, null);
    }

    /**
     * As above, and: a copy with attachments is queued in {@code extractionJobs} and its {@code message.received}
     * event is left to the extraction worker ({@code ExtractAttachmentsService}), which records it with the texts.
     */
    public ReceiveMailService(Transactions transactions, LoadInboxes loadInboxes, LoadMail loadMail, SaveMail saveMail,
                              ParseMail parseMail, RecordEvents recordEvents, SenderRuleStore senderRules,
                              Clock clock, StorageUsage usage, StorageQuotas quotas,
                              AuthenticateMail authenticateMail, String hostName,
                              LoadAccounts loadAccounts, LoadDomains loadDomains, String installationDomain,
                              ScanMail scanMail, ExtractionJobs extractionJobs) {
        this(transactions, loadInboxes, loadMail, saveMail, parseMail, recordEvents, senderRules, clock, usage, quotas,
                authenticateMail, hostName, loadAccounts, loadDomains, installationDomain, scanMail, extractionJobs,
                null);
    }

    /** As above, and each filed message notes its sender among the inbox's {@code correspondents}. */
    public ReceiveMailService(Transactions transactions, LoadInboxes loadInboxes, LoadMail loadMail, SaveMail saveMail,
                              ParseMail parseMail, RecordEvents recordEvents, SenderRuleStore senderRules,
                              Clock clock, StorageUsage usage, StorageQuotas quotas,
                              AuthenticateMail authenticateMail, String hostName,
                              LoadAccounts loadAccounts, LoadDomains loadDomains, String installationDomain,
                              ScanMail scanMail, ExtractionJobs extractionJobs, Correspondents correspondents) {
        this.extractionJobs = extractionJobs;
        this.storage = new StorageAccounting(usage, quotas);
        this.authenticateMail = authenticateMail;
        this.hostName = hostName;
        this.loadAccounts = loadAccounts;
        this.loadDomains = loadDomains;
        this.installationDomain = installationDomain == null ? null : installationDomain.toLowerCase(Locale.ROOT);
        this.scanMail = scanMail == null ? ScanMail.NONE : scanMail;
        this.transactions = transactions;
        this.loadInboxes = loadInboxes;
        this.filing = new MailFiling(loadMail, saveMail, correspondents);
        this.parseMail = parseMail;
        this.recordEvents = recordEvents;
        this.senderRules = senderRules;
        this.clock = clock;
    }

    @Override
    public Recipient check(String recipient) {
        if (recipient == null) {
            return Recipient.UNKNOWN;
        }
        Optional<Inbox> inbox = loadInboxes.findByAddress(normalized(recipient));
        if (inbox.isEmpty()) {
            return Recipient.UNKNOWN;
        }
        return storage.isFull(inbox.get()) ? Recipient.FULL : Recipient.ACCEPTED;
    }

    @Override
    public Receipt receive(Command command) {
        Instant now = clock.instant();
        byte[] raw = command.raw();
        // first, so that a message over the MIME limits is refused before any DNS lookup; the trace headers added
        // below are not read by the parser
        ParsedMail mail = parseMail.parse(raw);
        Authentication authentication = null;
        if (command.clientIp() != null && authenticateMail != null) {
            // outside the transaction: DNS takes time, and nothing here may hold a lock meanwhile
            AuthenticateMail.Outcome outcome = authenticateMail.authenticate(new AuthenticateMail.Request(
                    command.clientIp(), command.helo(), command.envelopeSender(), raw, hostName));
            authentication = outcome.authentication();
            raw = TraceHeaders.prepend(raw, TraceHeaders.received(command, hostName, now),
                    "Authentication-Results: " + outcome.headerValue());
        }
        SpamVerdict spam = null;
        if (command.clientIp() != null) {
            // outside the transaction too: the scanner has its own timeout, and no lock may wait for it
            spam = scanMail.scan(new ScanMail.Request(command.clientIp(), command.helo(), command.envelopeSender(),
                    command.recipients(), UUID.randomUUID().toString(), command.raw()));
        }
        byte[] stored = raw;
        Authentication checked = authentication;
        SpamVerdict scanned = spam;
        return transactions.inTransaction(() -> {
            // the sender the message will be shown as: its From address, else MAIL FROM (see Message.inbound)
            String shownSender = mail.from() != null ? mail.from() : command.envelopeSender();
            Authentication verdicts = checked != null && LocalSenders.isSpoofed(shownSender, checked, this::hosts)
                    ? checked.asSpoofedLocalSender() : checked;
            Map<AccountId, Boolean> dropsSpoofed = new HashMap<>();
            Map<String, Inbox> inboxes = new LinkedHashMap<>();
            for (String recipient : command.recipients()) {
                loadInboxes.findByAddress(normalized(recipient))
                        .ifPresent(inbox -> inboxes.putIfAbsent(inbox.id().value(), inbox));
            }
            LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
            List<SenderRule> blockingRules = new ArrayList<>();
            List<StorageAccounting.Copy> copies = new ArrayList<>();
            long size = StoredSize.of(stored, mail.attachments());
            for (Inbox inbox : inboxes.values()) {
                if (verdicts != null && verdicts.spoofedLocalSender()
                        && dropsSpoofed.computeIfAbsent(inbox.accountId(), this::dropsSpoofedLocalMail)) {
                    continue;
                }
                SenderRules.Decision decision = senderRuleDecision(inbox, mail.from(), command.envelopeSender());
                if (decision.accepted()) {
                    copies.add(new StorageAccounting.Copy(inbox, true, size));
                } else if (decision.blockedByOrNull() != null) {
                    blockingRules.add(decision.blockedByOrNull());
                }
            }
            Optional<StorageAccounting.Refused> refused = storage.check(copies);
            if (refused.isPresent()) {
                return Receipt.refused(refused.get().room() == StorageQuotas.Room.NEVER ? Refusal.TOO_LARGE
                        : Refusal.FULL);
            }
            blockingRules.forEach(rule -> senderRules.countHit(rule, day));
            List<MailEvent> received = new ArrayList<>();
            List<Message> awaitingText = new ArrayList<>();
            for (StorageAccounting.Copy copy : copies) {
                Optional<Message> filed = filing.file(copy.inbox(), mail, stored, command.envelopeSender(), now,
                        verdicts, scanned);
                filed.ifPresent(message -> {
                    storage.count(copy);
                    if (extractionJobs != null && !message.attachments().isEmpty()) {
                        // its event waits for the texts: the extraction worker records it
                        extractionJobs.enqueue(message.accountId(), message.id(), now);
                        awaitingText.add(message);
                    } else {
                        received.add(MailEvent.about(EventType.MESSAGE_RECEIVED, message, now));
                    }
                });
            }
            recordEvents.record(received);
            return Receipt.taken(received.size() + awaitingText.size() + inboxes.size() - copies.size());
        });
    }

    /** Whether the installation hosts mail for {@code domain}: its own domain, or any account's verified one. */
    private boolean hosts(String domain) {
        return ServedDomains.serves(domain, installationDomain, loadDomains);
    }

    private boolean dropsSpoofedLocalMail(AccountId account) {
        return loadAccounts != null && loadAccounts.find(account).map(Account::dropSpoofedLocalMail).orElse(false);
    }

    private SenderRules.Decision senderRuleDecision(Inbox inbox, String from, String envelopeSender) {
        List<SenderRule> accountRules = senderRules.rules(inbox.accountId(), null);
        List<SenderRule> podRules = senderRules.rules(inbox.accountId(), inbox.podId());
        FilterMode mode = senderRules.mode(inbox.accountId(), inbox.podId())
                .or(() -> senderRules.mode(inbox.accountId(), null))
                .orElse(FilterMode.NONE);
        return SenderRules.decide(from, envelopeSender, accountRules, podRules, mode);
    }

    private static String normalized(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
