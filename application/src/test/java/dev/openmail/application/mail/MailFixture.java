package dev.openmail.application.mail;

import dev.openmail.domain.port.out.ExtractionJobs;
import dev.openmail.domain.usage.StorageQuotas;
import dev.openmail.domain.mail.BoundedMessage;
import dev.openmail.domain.mail.BodyBudget;
import dev.openmail.application.fakes.Callers;
import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.application.fakes.InMemoryTransactions;
import dev.openmail.application.fakes.MarkingSigner;
import dev.openmail.application.fakes.MutableClock;
import dev.openmail.application.fakes.OutboxPeek;
import dev.openmail.application.fakes.RecordingComposer;
import dev.openmail.application.fakes.ScriptedRelay;
import dev.openmail.application.fakes.SimpleHtmlReader;
import dev.openmail.application.fakes.SimpleMailParser;
import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.DisplayName;
import dev.openmail.domain.inbox.EmailAddress;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.OutboxEntry;
import dev.openmail.domain.mail.OutgoingMail;
import dev.openmail.domain.mail.ParsedAttachment;
import dev.openmail.domain.mail.ParsedMail;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.maildomain.DkimKey;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.DomainScope;
import dev.openmail.domain.maildomain.DomainStatus;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.in.ReceiveMail;
import dev.openmail.domain.port.in.SendMail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A store with accounts, pods and inboxes, the fakes of the mail ports, and a clock the tests move, so that every
 * stored message has a time of its own and orderings are decided by time rather than by chance.
 */
final class MailFixture {

    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    static final String DOMAIN = "openmail.test";

    final MutableClock clock = new MutableClock(T0);
    final InMemoryStore store = new InMemoryStore();
    final InMemoryTransactions transactions = new InMemoryTransactions(store);
    final SimpleMailParser parser = new SimpleMailParser();
    final RecordingComposer composer = new RecordingComposer();
    final MarkingSigner signer = new MarkingSigner();
    final ScriptedRelay relay = new ScriptedRelay();
    /** The storage quotas the use cases built here apply; none unless a test sets them. */
    StorageQuotas quotas = StorageQuotas.UNLIMITED;
    /** The send caps; none unless a test sets them. */
    dev.openmail.domain.mail.SendLimits sendLimits = dev.openmail.domain.mail.SendLimits.NONE;

    // ---- accounts, pods, inboxes, domains

    /** An account with its default pod, as every account has. */
    AccountId account() {
        Account account = Account.open(null, new InboxLimit(50), T0.minus(Duration.ofDays(1)));
        store.insert(account);
        store.insert(Pod.createDefault(account.id(), account.createdAt()));
        return account.id();
    }

    PodId defaultPod(AccountId accountId) {
        return store.list(accountId, PageRequest.firstPage()).items().stream().filter(Pod::isDefault).findFirst()
                .orElseThrow().id();
    }

    PodId pod(AccountId accountId) {
        Pod pod = Pod.create(accountId, null, null, T0.minus(Duration.ofHours(1)));
        store.insert(pod);
        return pod.id();
    }

    /** An inbox on the installation's domain, in the account's default pod. */
    Inbox inbox(AccountId accountId, String mailbox) {
        return inbox(accountId, defaultPod(accountId), mailbox);
    }

    Inbox inbox(AccountId accountId, PodId podId, String mailbox) {
        Inbox inbox = Inbox.create(accountId, podId, EmailAddress.of(mailbox + "@" + DOMAIN), null, null, null,
                T0.minus(Duration.ofHours(1)));
        store.insert(inbox);
        return inbox;
    }

    Inbox namedInbox(AccountId accountId, String mailbox, String displayName) {
        Inbox inbox = Inbox.create(accountId, defaultPod(accountId), EmailAddress.of(mailbox + "@" + DOMAIN), null,
                new DisplayName(displayName), null, T0.minus(Duration.ofHours(1)));
        store.insert(inbox);
        return inbox;
    }

    /** A custom domain of the account in the given state, with a DKIM key under {@code selector}. */
    MailDomain domain(AccountId accountId, String name, DomainStatus status, String selector) {
        MailDomain domain = MailDomain.reconstitute(DomainId.generate(), accountId, new DomainName(name),
                DomainScope.ACCOUNT_WIDE, status, new DkimKey(selector, "public-key", "private-key-of-" + name),
                "token", Map.of(), T0.minus(Duration.ofDays(1)),
                status == DomainStatus.VERIFIED ? T0.minus(Duration.ofHours(2)) : null);
        store.domains().insert(domain);
        return domain;
    }

    Inbox inboxOn(MailDomain domain, String mailbox) {
        Inbox inbox = Inbox.create(domain.accountId(), defaultPod(domain.accountId()),
                EmailAddress.of(mailbox + "@" + domain.name().value()), domain.id(), null, null,
                T0.minus(Duration.ofHours(1)));
        store.insert(inbox);
        return inbox;
    }

    // ---- the use cases

    ReceiveMailService receiver() {
        return new ReceiveMailService(transactions, store, store.mail(), store.mail(), parser, store.events(),
                store.senderRules(), clock, store.usage(), quotas);
    }

    SendMailService sender() {
        return sender(null);
    }

    /** A sender that queues local copies with attachments for text extraction in {@code extractionJobs}. */
    SendMailService sender(ExtractionJobs extractionJobs) {
        return new SendMailService(transactions, store, store.domains(), store.mail(), store.mail(), parser, composer,
                new SimpleHtmlReader(), signer, store.outbox(), store.idempotentSends(), store.events(), clock,
                store.usage(), quotas, extractionJobs, store.suppressions(),
                new dev.openmail.application.fakes.PlainUnsubscribeLinks(), store.sendCounters(), sendLimits,
                store.outboundRecipients());
    }

    DeliverOutboxService deliverer(DeliverOutboxService.Retry retry) {
        return new DeliverOutboxService(transactions, store.outbox(), store.mail(), store.mail(), relay, store.events(),
                store.outboundRecipients(), store.suppressions(), clock, retry);
    }

    SearchMailService searchMail() {
        return new SearchMailService(transactions, store, store.mail());
    }

    ListMessagesService listMessages() {
        return new ListMessagesService(transactions, store, store.mail());
    }

    ListThreadsService listThreads() {
        return new ListThreadsService(transactions, store, store.mail());
    }

    GetThreadMessagesService threadMessages() {
        return new GetThreadMessagesService(transactions, store.mail());
    }

    UpdateThreadService updateThread() {
        return new UpdateThreadService(transactions, store.mail(), store.mail());
    }

    GetAttachmentService attachments() {
        return new GetAttachmentService(transactions, store.mail());
    }

    GetRawMessageService rawMessages() {
        return new GetRawMessageService(transactions, store.mail());
    }

    // ---- doing things

    /** Marks the thread read as its account's owner would. */
    void markRead(Inbox inbox, ThreadId thread) {
        updateThread().markRead(Callers.owner(inbox.accountId()), thread, true);
    }

    /** Mail arriving over SMTP for the recipients, from the envelope sender bounce@example.com. */
    int receive(RawMail mail, String... recipients) {
        return receiver().receive(new ReceiveMail.Command(mail.bytes(), "bounce@example.com", List.of(recipients)))
                .taken();
    }

    /**
     * A message for {@code inbox} carrying these attachments, which the parser is scripted to find in its raw form;
     * returns the stored message.
     */
    Message receiveWithAttachments(Inbox inbox, String rfcMessageId, ParsedAttachment... attachments) {
        byte[] raw = RawMail.from("alice@example.com").to(address(inbox)).subject("Files").messageId(rfcMessageId)
                .body("see attached").bytes();
        parser.script(raw, new ParsedMail("alice@example.com", List.of(address(inbox)), List.of(), "Files",
                rfcMessageId, null, List.of(), "see attached", null, List.of(attachments)));
        receiver().receive(new ReceiveMail.Command(raw, "bounce@example.com", List.of(address(inbox))));
        return messages(inbox).stream().filter(message -> rfcMessageId.equals(message.rfcMessageId())).findFirst()
                .orElseThrow();
    }

    SendMail.Sent send(Caller caller, Inbox from, String key, OutgoingMail mail) {
        return sender().send(new SendMail.Command(caller, from.id(), key, mail));
    }

    static OutgoingMail newMail(String to, String subject, String body, String... cc) {
        return new OutgoingMail(to, List.of(cc), subject, body, null, null, null, true, List.of());
    }

    static OutgoingMail reply(ThreadId thread, String to, String body, String... cc) {
        return new OutgoingMail(to, List.of(cc), null, body, null, null, thread, true, List.of());
    }

    // ---- looking at the rows

    List<Message> messages(Inbox inbox) {
        return store.mail().listMessages(inbox.accountId(), inbox.id(), null, PageRequest.firstPage(),
                BodyBudget.UNLIMITED).map(BoundedMessage::message).items();
    }

    List<MailThread> threads(Inbox inbox) {
        return store.mail().listThreads(inbox.accountId(), inbox.id(), null, PageRequest.firstPage()).items();
    }

    Message onlyMessage(Inbox inbox) {
        List<Message> messages = messages(inbox);
        if (messages.size() != 1) {
            throw new AssertionError("expected one message in " + inbox.address() + " but found " + messages.size());
        }
        return messages.get(0);
    }

    MailThread thread(Inbox inbox, ThreadId id) {
        return store.mail().findThread(inbox.accountId(), id).orElseThrow(() -> new AssertionError("no thread " + id));
    }

    List<OutboxEntry> outbox() {
        return OutboxPeek.entries(store);
    }

    static String address(Inbox inbox) {
        return inbox.address().value();
    }
}
