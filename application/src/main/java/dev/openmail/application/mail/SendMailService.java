package dev.openmail.application.mail;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.Composition;
import dev.openmail.domain.mail.DkimSigning;
import dev.openmail.domain.mail.IdempotencyKeyReusedException;
import dev.openmail.domain.mail.IdempotentSend;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.MessageStatus;
import dev.openmail.domain.mail.MissingIdempotencyKeyException;
import dev.openmail.domain.mail.OutboxEntry;
import dev.openmail.domain.mail.OutgoingMail;
import dev.openmail.domain.mail.ParsedMail;
import dev.openmail.domain.mail.ReplyDraft;
import dev.openmail.domain.maildomain.DomainStatus;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.port.in.SendMail;
import dev.openmail.domain.port.out.ComposeMail;
import dev.openmail.domain.port.out.ExtractionJobs;
import dev.openmail.domain.port.out.IdempotentSends;
import dev.openmail.domain.port.out.LoadDomains;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.Outbox;
import dev.openmail.domain.port.out.OutboundRecipients;
import dev.openmail.domain.delivery.RecipientDelivery;
import dev.openmail.domain.port.out.ParseMail;
import dev.openmail.domain.port.out.ReadHtml;
import dev.openmail.domain.port.out.RecordEvents;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.SignMail;
import dev.openmail.domain.port.out.StorageUsage;
import dev.openmail.domain.port.out.Suppressions;
import dev.openmail.domain.port.out.SendCounters;
import dev.openmail.domain.port.out.Correspondents;
import dev.openmail.domain.mail.SendLimits;
import dev.openmail.domain.mail.SendLimitExceededException;
import dev.openmail.domain.port.out.UnsubscribeLinks;
import dev.openmail.domain.suppression.Unsubscription;
import dev.openmail.domain.suppression.RecipientSuppressedException;
import dev.openmail.domain.suppression.Suppression;
import dev.openmail.domain.port.out.Transactions;
import dev.openmail.domain.usage.StorageQuotaExceededException;
import dev.openmail.domain.usage.StorageQuotas;
import dev.openmail.domain.usage.StoredSize;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends from an inbox. The message is written and signed before any row is held; then, in one transaction, it is
 * filed in the sender's thread, recorded under its Idempotency-Key, delivered as inbound mail to every recipient that
 * is an inbox of this installation, and queued in the outbox for the others. The same transaction records the events:
 * {@code message.sent} for the sent message, {@code message.received} for each local recipient's copy (one with
 * attachments is queued in {@code extractionJobs} instead, when given, and its event waits for the texts), and
 * {@code message.delivered} at once when every recipient was local (else the outbox reports it, or
 * {@code message.failed}).
 *
 * <p>A bulk send ({@link OutgoingMail#bulk()}) carries a one-click unsubscribe link for its one recipient
 * ({@code unsubscribeLinks}).
 *
 * <p>Each send counts against its inbox's caps ({@link SendLimits}, in {@code sendCounters}): past one it is refused
 * with {@link SendLimitExceededException}, which says when to retry. Its recipients outside this installation count
 * against the cold-outreach caps ({@link ColdOutreach}). An idempotent repeat is not a send and counts nothing.
 *
 * <p>A send with a recipient (To or Cc, a reply's included) on the account's suppression list is refused with
 * {@link RecipientSuppressedException} before anything is written (no {@code suppressions}: none is checked).
 *
 * <p>Every copy stored (the sent one, and each local recipient's) must fit under the storage quotas of its inbox and
 * account ({@link StorageQuotas}), else nothing is stored and the send is refused with
 * {@link StorageQuotaExceededException}; each copy stored is counted in the same transaction.
 */
public final class SendMailService implements SendMail {


    private final Transactions transactions;
    private final LoadInboxes loadInboxes;
    private final LoadDomains loadDomains;
    private final LoadMail loadMail;
    private final SaveMail saveMail;
    private final MailFiling filing;
    private final ParseMail parseMail;
    private final ComposeMail composeMail;
    private final ReadHtml readHtml;
    private final SignMail signMail;
    private final Outbox outbox;
    private final IdempotentSends idempotentSends;
    private final RecordEvents recordEvents;
    private final Clock clock;
    private final StorageAccounting storage;
    private final ExtractionJobs extractionJobs;
    private final Suppressions suppressions;
    private final UnsubscribeLinks unsubscribeLinks;
    private final ColdOutreach caps;
    private final OutboundRecipients outboundRecipients;

    public SendMailService(Transactions transactions, LoadInboxes loadInboxes, LoadDomains loadDomains, LoadMail loadMail,
                           SaveMail saveMail, ParseMail parseMail, ComposeMail composeMail, ReadHtml readHtml,
                           SignMail signMail, Outbox outbox, IdempotentSends idempotentSends, RecordEvents recordEvents,
                           Clock clock, StorageUsage usage, StorageQuotas quotas, ExtractionJobs extractionJobs,
                           Suppressions suppressions, UnsubscribeLinks unsubscribeLinks, SendCounters sendCounters,
                           SendLimits sendLimits, OutboundRecipients outboundRecipients) {
        this(transactions, loadInboxes, loadDomains, loadMail, saveMail, parseMail, composeMail, readHtml, signMail,
                outbox, idempotentSends, recordEvents, clock, usage, quotas, extractionJobs, suppressions,
                unsubscribeLinks, ColdOutreach.windowsOnly(sendCounters, sendLimits), null, outboundRecipients);
    }

    /**
     * As above, with every cap of a send counted by {@code caps} (cold outreach and the account's overrides too), and
     * each local recipient's copy noting the sender in {@code correspondents} (null: not noted). With
     * {@code outboundRecipients}, each recipient of a send gets a row telling what became of it (null: none).
     */
    public SendMailService(Transactions transactions, LoadInboxes loadInboxes, LoadDomains loadDomains, LoadMail loadMail,
                           SaveMail saveMail, ParseMail parseMail, ComposeMail composeMail, ReadHtml readHtml,
                           SignMail signMail, Outbox outbox, IdempotentSends idempotentSends, RecordEvents recordEvents,
                           Clock clock, StorageUsage usage, StorageQuotas quotas, ExtractionJobs extractionJobs,
                           Suppressions suppressions, UnsubscribeLinks unsubscribeLinks, ColdOutreach caps,
                           Correspondents correspondents, OutboundRecipients outboundRecipients) {
        this.caps = caps == null ? ColdOutreach.windowsOnly(null, null) : caps;
        this.outboundRecipients = outboundRecipients;
        this.extractionJobs = extractionJobs;
        this.suppressions = suppressions;
        this.unsubscribeLinks = unsubscribeLinks;
        this.storage = new StorageAccounting(usage, quotas);
        this.transactions = transactions;
        this.loadInboxes = loadInboxes;
        this.loadDomains = loadDomains;
        this.loadMail = loadMail;
        this.saveMail = saveMail;
        this.filing = new MailFiling(loadMail, saveMail, correspondents);
        this.parseMail = parseMail;
        this.composeMail = composeMail;
        this.readHtml = readHtml;
        this.signMail = signMail;
        this.outbox = outbox;
        this.idempotentSends = idempotentSends;
        this.recordEvents = recordEvents;
        this.clock = clock;
    }

    @Override
    public Sent send(Command command) {
        Caller caller = command.caller();
        Access.requireKind(caller, Action.SEND_MAIL);
        String key = checkedKey(command.idempotencyKey());
        Inbox inbox = loadInboxes.find(caller.accountId(), command.inboxId())
                .orElseThrow(() -> Inbox.notFound(command.inboxId().value()));
        Access.require(caller, Action.SEND_MAIL, inbox.place());
        OutgoingMail mail = command.mail();
        String fingerprint = mail.fingerprint();
        Instant now = clock.instant();
        Optional<Sent> replay = replay(inbox, key, fingerprint, now);
        if (replay.isPresent()) {
            return replay.get();
        }

        Draft draft = draft(inbox, mail, now);
        if (suppressions != null) {
            Optional<Suppression> suppressed = transactions.inTransaction(
                    () -> suppressions.firstOf(inbox.accountId(), draft.recipients()));
            if (suppressed.isPresent()) {
                throw new RecipientSuppressedException(suppressed.get().address(), suppressed.get().type());
            }
        }
        byte[] raw = signed(inbox, composeMail.compose(draft.composition()));
        ParsedMail asDelivered = parseMail.parse(raw);
        try {
            return transactions.inTransaction(() -> {
                Routes routes = route(draft.recipients());
                caps.count(inbox, routes.external(), now);
                requireRoom(inbox, draft, raw, asDelivered, routes);
                Message sent = file(inbox, draft, raw, routes, now);
                idempotentSends.insert(new IdempotentSend(inbox.accountId(), inbox.id(), key, fingerprint,
                        draft.messageId(), now), now.minus(IdempotentSend.KEPT));
                List<MailEvent> events = new ArrayList<>();
                events.add(MailEvent.about(EventType.MESSAGE_SENT, sent, now));
                events.addAll(deliver(inbox, draft, raw, asDelivered, routes, now));
                if (routes.external().isEmpty()) {
                    events.add(MailEvent.about(EventType.MESSAGE_DELIVERED, sent, now,
                            recipientRows(draft, routes, now)));
                }
                recordEvents.record(events);
                return new Sent(sent.id(), sent.threadId(), draft.rfcMessageId(), sent.status());
            });
        } catch (IdempotentSends.IdempotencyKeyTakenException concurrentTwin) {
            // Another request with this key committed first: a repeat of it gets its answer, anything else is refused.
            return replay(inbox, key, fingerprint, now).orElseThrow(() -> concurrentTwin);
        }
    }

    /** The message as it will be written, and the thread it continues (null for a new conversation). */
    private record Draft(MailThread threadOrNull, String subject, MessageId messageId, String rfcMessageId,
                         Composition composition, List<String> recipients) {
    }

    /** Where the recipients are: inboxes of this installation, each once, and addresses relayed elsewhere. */
    private record Routes(Collection<Inbox> local, List<String> external) {

        MessageStatus status() {
            return external.isEmpty() ? MessageStatus.SENT : MessageStatus.PENDING;
        }
    }

    /**
     * Drafts the message: a reply takes its subject, quote, Cc and references from the thread's last message. Reads
     * only; the thread is locked when the message is filed.
     */
    private Draft draft(Inbox inbox, OutgoingMail mail, Instant now) {
        AccountId accountId = inbox.accountId();
        MailThread thread = mail.threadOrNull() == null ? null : loadMail.findThread(accountId, mail.threadOrNull())
                .filter(found -> found.inboxId().equals(inbox.id()))
                .orElseThrow(() -> MailThread.notFound(mail.threadOrNull().value()));
        // the last message alone: a thread may hold thousands of large ones
        Message previous = thread == null ? null : loadMail.lastMessageOfThread(accountId, thread.id()).orElse(null);
        String subject = ReplyDraft.subject(mail.subject(), thread);
        ReplyDraft.Bodies bodies = ReplyDraft.bodies(mail.body(), mail.bodyHtml(), readHtml);
        if (previous != null && mail.includeQuote()) {
            bodies = ReplyDraft.quoting(bodies, previous, readHtml);
        }
        String self = inbox.address().value();
        List<String> cc = ReplyDraft.cc(mail.cc(), previous, mail.to(), self);
        MessageId messageId = MessageId.generate();
        String rfcMessageId = messageId.value() + "@" + inbox.address().domain().value();
        String unsubscribeLink = null;
        if (mail.bulk()) {
            if (!cc.isEmpty()) {
                throw new InvalidInputException("bulk", "A bulk send goes to one recipient, since its unsubscribe link"
                        + " is that recipient's: send it without cc (a reply in a thread with others copied cannot be"
                        + " bulk).");
            }
            if (unsubscribeLinks == null) {
                throw new IllegalStateException("bulk mail needs unsubscribe links, and none are configured");
            }
            unsubscribeLink = unsubscribeLinks.linkFor(new Unsubscription(accountId, inbox.podId(), mail.to()));
        }
        Composition composition = new Composition(self, inbox.displayName() == null ? null : inbox.displayName().value(),
                List.of(mail.to()), cc, mail.replyTo(), subject, bodies.text(), bodies.html(), rfcMessageId,
                previous == null ? null : previous.rfcMessageId(),
                previous == null ? List.of() : ReplyDraft.references(previous), now, mail.attachments(),
                unsubscribeLink);
        List<String> recipients = new ArrayList<>();
        recipients.add(mail.to());
        cc.stream().filter(address -> !recipients.contains(address)).forEach(recipients::add);
        return new Draft(thread, subject, messageId, rfcMessageId, composition, recipients);
    }

    /** Signs with the inbox's custom domain's DKIM key when that domain is verified; other mail goes unsigned. */
    private byte[] signed(Inbox inbox, byte[] raw) {
        if (inbox.domainId() == null) {
            return raw;
        }
        Optional<MailDomain> domain = loadDomains.find(inbox.accountId(), inbox.domainId())
                .filter(found -> found.status() == DomainStatus.VERIFIED);
        return domain.map(found -> signMail.sign(raw, new DkimSigning(found.name().value(), found.dkim().selector(),
                found.dkim().privateKeyBase64()))).orElse(raw);
    }

    /** Runs inside the sending transaction, so that an inbox created or deleted meanwhile is seen as it is. */
    private Routes route(List<String> recipients) {
        Map<String, Inbox> local = new LinkedHashMap<>();
        List<String> external = new ArrayList<>();
        for (String recipient : recipients) {
            Optional<Inbox> target = loadInboxes.findByAddress(recipient);
            if (target.isPresent()) {
                local.putIfAbsent(target.get().id().value(), target.get());
            } else {
                external.add(recipient);
            }
        }
        return new Routes(local.values(), external);
    }

    /** Locks the usage counters of every inbox that will store a copy, and refuses the send unless all fit. */
    private void requireRoom(Inbox inbox, Draft draft, byte[] raw, ParsedMail asDelivered, Routes routes) {
        List<StorageAccounting.Copy> copies = new ArrayList<>();
        copies.add(sentCopy(inbox, draft, raw));
        long size = StoredSize.of(raw, asDelivered.attachments());
        routes.local().forEach(recipient -> copies.add(new StorageAccounting.Copy(recipient, true, size)));
        storage.check(copies).ifPresent(refused -> {
            throw new StorageQuotaExceededException(refused.copy().inbox().equals(inbox)
                    ? "this inbox (or its account)"
                    : "the recipient inbox " + refused.copy().inbox().address().value() + " (or its account)");
        });
    }

    private static StorageAccounting.Copy sentCopy(Inbox inbox, Draft draft, byte[] raw) {
        return new StorageAccounting.Copy(inbox, false, StoredSize.of(raw, draft.composition().attachments()));
    }

    /** Files the message in the sender's thread: the thread it continues, locked, or a new one. */
    private Message file(Inbox inbox, Draft draft, byte[] raw, Routes routes, Instant now) {
        MailThread thread = draft.threadOrNull();
        MailThread filed = thread == null ? MailThread.open(inbox, draft.subject(), now).withOutbound(now)
                : loadMail.findThreadForUpdate(inbox.accountId(), thread.id())
                .orElseThrow(() -> MailThread.notFound(thread.id().value())).withOutbound(now);
        if (thread == null) {
            saveMail.insertThread(filed);
        } else {
            saveMail.updateThread(filed);
        }
        Message sent = Message.outbound(draft.messageId(), inbox, filed.id(), draft.composition(), routes.status());
        saveMail.insertMessage(sent, raw, draft.composition().attachments());
        storage.count(sentCopy(inbox, draft, raw));
        return sent;
    }

    /**
     * Delivers to the local recipients as inbound mail and queues the rest in the outbox; answers the
     * {@code message.received} events of the local copies.
     */
    private List<MailEvent> deliver(Inbox inbox, Draft draft, byte[] raw, ParsedMail asDelivered, Routes routes,
                                    Instant now) {
        String self = inbox.address().value();
        List<MailEvent> received = new ArrayList<>();
        for (Inbox recipient : routes.local()) {
            long size = StoredSize.of(raw, asDelivered.attachments());
            filing.file(recipient, asDelivered, raw, self, now).ifPresent(copy -> {
                storage.count(new StorageAccounting.Copy(recipient, true, size));
                if (extractionJobs != null && !copy.attachments().isEmpty()) {
                    // as for mail from outside: its event waits for the texts, and the extraction worker records it
                    extractionJobs.enqueue(copy.accountId(), copy.id(), now);
                } else {
                    received.add(MailEvent.about(EventType.MESSAGE_RECEIVED, copy, now));
                }
            });
        }
        if (!routes.external().isEmpty()) {
            outbox.enqueue(OutboxEntry.first(inbox.accountId(), draft.messageId(), self, routes.external(), now));
        }
        if (outboundRecipients != null) {
            outboundRecipients.insert(inbox.accountId(), draft.messageId(), recipientRows(draft, routes, now));
        }
        return received;
    }

    /**
     * A row per envelope recipient: queued, with its own bounce address, when it is outside this installation;
     * delivered when an inbox here took it.
     */
    private static List<RecipientDelivery> recipientRows(Draft draft, Routes routes, Instant now) {
        List<RecipientDelivery> rows = new ArrayList<>();
        for (String recipient : draft.recipients()) {
            rows.add(routes.external().contains(recipient) ? RecipientDelivery.queued(rows.size(), recipient, now)
                    : RecipientDelivery.local(rows.size(), recipient, now));
        }
        return rows;
    }

    /**
     * The answer of the first send under {@code key}, when this is a repeat of it. Keys are the account's, but a repeat
     * is the same body from the same inbox: the same key from another inbox is refused like another body, so that a
     * caller confined to one inbox never learns of a send from another.
     */
    private Optional<Sent> replay(Inbox inbox, String key, String fingerprint, Instant now) {
        Optional<IdempotentSend> previous = idempotentSends.find(inbox.accountId(), key, now.minus(IdempotentSend.KEPT));
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        if (!previous.get().isRepeatedBy(inbox.id(), fingerprint)) {
            throw new IdempotencyKeyReusedException();
        }
        return loadMail.findMessage(inbox.accountId(), previous.get().messageId())
                .map(message -> new Sent(message.id(), message.threadId(), message.rfcMessageId(), message.status()));
    }

    private static String checkedKey(String key) {
        if (key == null || key.isBlank()) {
            throw new MissingIdempotencyKeyException();
        }
        if (key.length() > IdempotentSend.MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidInputException("Idempotency-Key", "The Idempotency-Key header must be 1 to "
                    + IdempotentSend.MAX_KEY_LENGTH + " visible ASCII characters, e.g. a UUID.");
        }
        return key;
    }
}
