package dev.openmail.application.contract;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.common.TimeOrderedIds;
import dev.openmail.domain.inbox.EmailAddress;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.inbox.MailboxName;
import dev.openmail.domain.mail.AttachmentInfo;
import dev.openmail.domain.mail.DeliveryRole;
import dev.openmail.domain.mail.BodyBudget;
import dev.openmail.domain.mail.BoundedMessage;
import dev.openmail.domain.mail.Direction;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.MessageStatus;
import dev.openmail.domain.mail.ParsedAttachment;
import dev.openmail.domain.mail.StoredAttachment;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.port.out.InboxGoneException;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every implementation of the mail persistence ports must do, run against the in-memory fakes and the database.
 * As in {@link PodStoreContract}, the database is shared by all tests and earlier runs: each test opens accounts and
 * inboxes of its own and asserts only about their rows. Times are whole milliseconds.
 */
public abstract class MailStoreContract {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123Z");
    private static final String ROCKET = "\uD83D\uDE80";
    private static final int FIVE_MB = 5 * 1024 * 1024;
    private static final PageRequest ALL = new PageRequest(PageRequest.MAX_LIMIT, 0);

    protected abstract Ports ports();

    /**
     * The rows stored for the inbox (threads, messages) and for the messages (attachments), counted directly rather
     * than through the ports under test, so that rows the ports no longer show but still hold are seen.
     */
    protected abstract StoredRows storedRows(AccountId accountId, InboxId inboxId, List<MessageId> messageIds);

    public record Ports(Transactions transactions, SaveAccount saveAccount, SavePod savePod, SaveInbox saveInbox,
                        LoadMail loadMail, SaveMail saveMail) {
    }

    public record StoredRows(long threads, long messages, long attachments) {
    }

    private Ports p;

    @BeforeEach
    void obtainPorts() {
        p = ports();
    }

    // ---- round trips

    @Test
    void aMessageComesBackWithEveryField() {
        Opened acme = openAccount();
        Inbox inbox = insertInbox(acme);
        MailThread thread = insertThread(inbox, T0);
        String name = "r\u00e9sum\u00e9 " + ROCKET + ".pdf";
        List<ParsedAttachment> parts = List.of(part(name, "application/pdf", binary(1000, 1)),
                part("empty.txt", "text/plain; charset=utf-8", new byte[0]), part(name, "application/pdf", binary(10, 2)));
        String address = inbox.address().value();
        Message message = new Message(MessageId.generate(), acme.id(), inbox.podId(), inbox.id(), thread.id(),
                Direction.INBOUND, MessageStatus.RECEIVED, "z\u00fcrich@example.com", address,
                address + ", other@example.com", DeliveryRole.CC,
                List.of("a@example.com", "b@example.com", address), "Gr\u00fc\u00dfe " + ROCKET + " \u4f60\u597d",
                "Hello " + ROCKET + "\r\nline two\n", "<p>Hello " + ROCKET + "</p>", infos(parts),
                "abc." + ROCKET + "@example.com", "parent@example.com",
                List.of("root@example.com", "middle@example.com", "parent@example.com"), T0.plusMillis(456),
                new dev.openmail.domain.mail.Authentication(dev.openmail.domain.mail.AuthResult.SOFTFAIL,
                        dev.openmail.domain.mail.AuthResult.PASS, dev.openmail.domain.mail.AuthResult.TEMPERROR, true),
                dev.openmail.domain.mail.SpamVerdict.scanned(-0.75, "no action", List.of("R_SPF_ALLOW", "ARC_NA")));

        p.saveMail().insertMessage(message, "raw".getBytes(StandardCharsets.US_ASCII), parts);

        assertEquals(message, p.loadMail().findMessage(acme.id(), message.id()).orElseThrow());
        assertEquals(List.of(message), p.loadMail().listMessages(acme.id(), inbox.id(), null, ALL, BodyBudget.UNLIMITED)
                .map(BoundedMessage::message).items());
        assertEquals(List.of(message), messagesOfThread(acme.id(), thread.id()));
    }

    @Test
    void aMessageWithoutItsOptionalPartsComesBackSo() {
        Opened acme = openAccount();
        Inbox inbox = insertInbox(acme);
        MailThread thread = insertThread(inbox, T0);
        Message message = new Message(MessageId.generate(), acme.id(), inbox.podId(), inbox.id(), thread.id(),
                Direction.OUTBOUND, MessageStatus.PENDING, inbox.address().value(), "someone@example.com", null, null,
                List.of(), "", null, null, List.of(), null, null, List.of(), T0);

        p.saveMail().insertMessage(message, new byte[0], List.of());

        assertEquals(message, p.loadMail().findMessage(acme.id(), message.id()).orElseThrow());
        assertEquals(List.of(message), messagesOfThread(acme.id(), thread.id()));
        // An empty raw form is still there: present and empty, not missing.
        assertArrayEquals(new byte[0], p.loadMail().findRaw(acme.id(), message.id()).orElseThrow());
    }

    @Test
    void aThreadComesBackWithEveryField() {
        Opened acme = openAccount();
        Inbox inbox = insertInbox(acme);
        MailThread read = new MailThread(ThreadId.generate(), acme.id(), inbox.podId(), inbox.id(),
                "Re: " + ROCKET + " caf\u00e9 \u4f60\u597d", true, T0.plusSeconds(90).plusMillis(7), T0.plusMillis(1), 7);
        MailThread unread = new MailThread(ThreadId.generate(), acme.id(), inbox.podId(), inbox.id(), "", false, T0,
                T0, 0);

        p.saveMail().insertThread(read);
        p.saveMail().insertThread(unread);

        assertEquals(read, p.loadMail().findThread(acme.id(), read.id()).orElseThrow());
        assertEquals(unread, p.loadMail().findThread(acme.id(), unread.id()).orElseThrow());
        assertEquals(read, p.transactions().inTransaction(
                () -> p.loadMail().findThreadForUpdate(acme.id(), read.id())).orElseThrow());
        assertEquals(List.of(read, unread), p.loadMail().listThreads(acme.id(), inbox.id(), null, ALL).items());
    }

    /** Bytes are stored as they are: every byte value, NUL bytes, nothing, and 5 MB (past any 1 MB default). */
    @Test
    void rawAndAttachmentBytesComeBackExactly() {
        Opened acme = openAccount();
        Inbox inbox = insertInbox(acme);
        MailThread thread = insertThread(inbox, T0);
        byte[] raw = binary(FIVE_MB, 3);
        List<ParsedAttachment> parts = List.of(part("big.bin", "application/octet-stream", binary(FIVE_MB, 4)),
                part("empty.bin", "application/octet-stream", new byte[0]),
                part("every-byte.bin", "application/octet-stream", binary(512, 5)));
        Message message = message(inbox, thread, Direction.INBOUND, T0, null, infos(parts));

        p.saveMail().insertMessage(message, raw, parts);

        assertArrayEquals(raw, p.loadMail().findRaw(acme.id(), message.id()).orElseThrow());
        for (ParsedAttachment part : parts) {
            StoredAttachment found = p.loadMail().findAttachment(acme.id(), message.id(), part.filename()).orElseThrow();
            assertEquals(new AttachmentInfo(part.filename(), part.contentType(), part.content().length), found.info());
            assertArrayEquals(part.content(), found.content(), part.filename());
        }
        assertEquals(infos(parts), p.loadMail().findMessage(acme.id(), message.id()).orElseThrow().attachments());
    }

    // ---- attachments by name

    @Test
    void findAttachmentTakesTheExactNameAndTheFirstOfDuplicates() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        Inbox inbox = insertInbox(acme);
        MailThread thread = insertThread(inbox, T0);
        List<ParsedAttachment> parts = List.of(part("report.pdf", "application/pdf", bytes("first")),
                part("Report.pdf", "application/pdf", bytes("capital")),
                part("report.pdf", "application/pdf", bytes("second")),
                part("report.pdf ", "application/pdf", bytes("trailing space")),
                part("r\u00e9sum\u00e9.pdf", "application/pdf", bytes("accent")));
        Message message = message(inbox, thread, Direction.INBOUND, T0, null, infos(parts));
        p.saveMail().insertMessage(message, bytes("raw"), parts);

        assertAttachment("first", acme, message, "report.pdf");
        assertAttachment("capital", acme, message, "Report.pdf");
        assertAttachment("trailing space", acme, message, "report.pdf ");
        assertAttachment("accent", acme, message, "r\u00e9sum\u00e9.pdf");
        // A database collation would take each of these as equal to one of the names above.
        for (String near : List.of("REPORT.PDF", "resume.pdf", "R\u00c9SUM\u00c9.pdf", "report", "")) {
            assertEquals(Optional.empty(), p.loadMail().findAttachment(acme.id(), message.id(), near), near);
        }
        assertEquals(Optional.empty(), p.loadMail().findAttachment(globex.id(), message.id(), "report.pdf"));
        assertEquals(Optional.empty(), p.loadMail().findAttachment(acme.id(), MessageId.generate(), "report.pdf"));
        assertEquals(infos(parts), p.loadMail().findMessage(acme.id(), message.id()).orElseThrow().attachments());
    }

    // ---- orders

    @Test
    void messagesAreListedNewestFirstAndAThreadsOldestFirstWithIdAsTieBreak() {
        Opened acme = openAccount();
        Inbox inbox = insertInbox(acme);
        MailThread thread = insertThread(inbox, T0);
        Instant same = T0.plusSeconds(60);
        // Ids are made in this order and sort in it; times and the order of insertion deliberately disagree.
        Message a = message(inbox, thread, Direction.INBOUND, same, null, List.of());
        Message b = message(inbox, thread, Direction.OUTBOUND, same, null, List.of());
        Message c = message(inbox, thread, Direction.INBOUND, same, null, List.of());
        Message older = message(inbox, thread, Direction.INBOUND, same.minusMillis(1), null, List.of());
        Message newest = message(inbox, thread, Direction.INBOUND, same.plusMillis(1), null, List.of());
        for (Message message : List.of(c, older, newest, a, b)) {
            insert(message);
        }

        Page<Message> page = p.loadMail().listMessages(acme.id(), inbox.id(), null, ALL, BodyBudget.UNLIMITED)
                .map(BoundedMessage::message);

        assertEquals(List.of(newest.id(), c.id(), b.id(), a.id(), older.id()), messageIds(page.items()));
        assertEquals(5, page.total());
        assertEquals(List.of(older.id(), a.id(), b.id(), c.id(), newest.id()),
                messageIds(messagesOfThread(acme.id(), thread.id())));
        assertEquals(Optional.of(newest), p.loadMail().lastMessageOfThread(acme.id(), thread.id()));
        assertEquals(Optional.empty(), p.loadMail().lastMessageOfThread(acme.id(), ThreadId.generate()));
    }

    @Test
    void threadsAreListedLatestMessageFirstWithIdAsTieBreak() {
        Opened acme = openAccount();
        Inbox inbox = insertInbox(acme);
        Instant same = T0.plusSeconds(60);
        // Creation times run against the order, so that sorting by them would fail.
        MailThread a = thread(inbox, same, T0.plusSeconds(4), false);
        MailThread b = thread(inbox, same, T0.plusSeconds(3), true);
        MailThread c = thread(inbox, same, T0.plusSeconds(2), false);
        MailThread older = thread(inbox, same.minusMillis(1), T0.plusSeconds(5), false);
        MailThread newest = thread(inbox, same.plusMillis(1), T0, true);
        for (MailThread thread : List.of(c, older, newest, a, b)) {
            p.saveMail().insertThread(thread);
        }

        Page<MailThread> page = p.loadMail().listThreads(acme.id(), inbox.id(), null, ALL);

        assertEquals(List.of(newest.id(), c.id(), b.id(), a.id(), older.id()), threadIds(page.items()));
        assertEquals(5, page.total());
    }

    @Test
    void aThreadHoldsOnlyItsOwnMessages() {
        Opened acme = openAccount();
        Inbox inbox = insertInbox(acme);
        MailThread first = insertThread(inbox, T0);
        MailThread second = insertThread(inbox, T0);
        Message m1 = insert(message(inbox, first, Direction.INBOUND, T0, null, List.of()));
        Message m2 = insert(message(inbox, second, Direction.INBOUND, T0.plusMillis(1), null, List.of()));
        Message m3 = insert(message(inbox, first, Direction.OUTBOUND, T0.plusMillis(2), null, List.of()));

        assertEquals(List.of(m1.id(), m3.id()), messageIds(messagesOfThread(acme.id(), first.id())));
        assertEquals(List.of(m2.id()), messageIds(messagesOfThread(acme.id(), second.id())));
        assertEquals(List.of(), messagesOfThread(acme.id(), ThreadId.generate()));
        assertEquals(List.of(m3.id(), m2.id(), m1.id()),
                messageIds(p.loadMail().listMessages(acme.id(), inbox.id(), null, ALL, BodyBudget.UNLIMITED)
                        .map(BoundedMessage::message).items()));
    }

    // ---- pages, totals and filters

    @Test
    void aThreadIsReadAPageAtATimeWithItsBodiesCutToTheBudget() {
        Opened acme = openAccount();
        Inbox inbox = insertInbox(acme);
        MailThread thread = insertThread(inbox, T0);
        MailThread other = insertThread(inbox, T0);
        insert(message(inbox, other, Direction.INBOUND, T0, null, List.of()));
        Message small = insert(withBodies(message(inbox, thread, Direction.INBOUND, T0, null, List.of()), "tiny",
                null));
        Message text = insert(withBodies(message(inbox, thread, Direction.INBOUND, T0.plusMillis(1), null, List.of()),
                "t".repeat(3_000) + ROCKET, null));
        Message html = insert(withBodies(message(inbox, thread, Direction.OUTBOUND, T0.plusMillis(2), null, List.of()),
                "short", "<p>" + "h".repeat(5_000) + "</p>"));
        insertWith(withBodies(message(inbox, thread, Direction.INBOUND, T0.plusMillis(3), null,
                List.of(new AttachmentInfo("a.txt", "text/plain", 1))), "last", null),
                List.of(new ParsedAttachment("a.txt", "text/plain", bytes("a"))));

        Page<BoundedMessage> whole = p.loadMail().threadMessages(acme.id(), thread.id(), ALL, BodyBudget.UNLIMITED);
        Page<BoundedMessage> firstTwo = p.loadMail().threadMessages(acme.id(), thread.id(), new PageRequest(2, 0),
                BodyBudget.UNLIMITED);
        Page<BoundedMessage> rest = p.loadMail().threadMessages(acme.id(), thread.id(), new PageRequest(2, 2),
                BodyBudget.UNLIMITED);
        Page<BoundedMessage> cut = p.loadMail().threadMessages(acme.id(), thread.id(), new PageRequest(3, 0),
                new BodyBudget(2_000));

        assertEquals(4, whole.total());
        assertEquals(text, whole.items().get(1).message(), "an unlimited read is the message as stored");
        assertTrue(whole.items().stream().noneMatch(BoundedMessage::bodyTruncated));
        assertEquals(List.of("a.txt"), whole.items().get(3).message().attachments().stream()
                .map(AttachmentInfo::filename).toList());
        assertEquals(List.of(small.id(), text.id()), messageIds(firstTwo.items().stream()
                .map(BoundedMessage::message).toList()));
        assertEquals(4, rest.total());
        assertEquals(List.of(html.id()), messageIds(rest.items().subList(0, 1).stream()
                .map(BoundedMessage::message).toList()));
        assertEquals(4, cut.total(), "the total is the thread's, not the page's");
        assertEquals(List.of(false, true, true), cut.items().stream().map(BoundedMessage::bodyTruncated).toList());
        assertEquals("tiny", cut.items().get(0).message().bodyText());
        assertEquals("short", cut.items().get(2).message().bodyText());
        // 4 + 5 characters whole, the two long bodies cut to one length within the rest: (2000 - 9) / 2
        assertEquals("t".repeat(995), cut.items().get(1).message().bodyText());
        assertEquals("<p>" + "h".repeat(992), cut.items().get(2).message().bodyHtml());

        Page<BoundedMessage> listed = p.loadMail().listMessages(acme.id(), inbox.id(), null, new PageRequest(3, 0),
                new BodyBudget(2_000));
        assertEquals(5, listed.total());
        assertEquals(List.of(false, true, true), listed.items().stream().map(BoundedMessage::bodyTruncated).toList());
        assertEquals("t".repeat(995), listed.items().get(2).message().bodyText(), "the inbox's list shares it alike");
    }

    @Test
    void pagesAreWindowsOfTheWholeListWithItsTotal() {
        Opened acme = openAccount();
        Inbox inbox = insertInbox(acme);
        Inbox other = insertInbox(acme);
        List<MessageId> messages = new ArrayList<>();
        List<ThreadId> threads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            MailThread thread = insertThread(inbox, T0.plusMillis(i));
            threads.add(0, thread.id());
            messages.add(0, insert(message(inbox, thread, Direction.INBOUND, T0.plusMillis(i), null, List.of())).id());
        }
        // Another inbox's mail counts in no total of this one.
        insert(message(other, insertThread(other, T0), Direction.INBOUND, T0, null, List.of()));

        assertMessagePage(messages.subList(1, 3), 5, acme, inbox, null, new PageRequest(2, 1));
        assertMessagePage(messages.subList(4, 5), 5, acme, inbox, null, new PageRequest(2, 4));
        assertMessagePage(List.of(), 5, acme, inbox, null, new PageRequest(2, 5));
        assertThreadPage(threads.subList(1, 3), 5, acme, inbox, null, new PageRequest(2, 1));
        assertThreadPage(threads.subList(4, 5), 5, acme, inbox, null, new PageRequest(2, 4));
        assertThreadPage(List.of(), 5, acme, inbox, null, new PageRequest(2, 5));
        assertMessagePage(List.of(), 0, acme, insertInbox(acme), null, ALL);
        assertThreadPage(List.of(), 0, acme, insertInbox(acme), null, ALL);
    }

    @Test
    void theDirectionFilterListsAndCountsOneDirection() {
        Opened acme = openAccount();
        Inbox inbox = insertInbox(acme);
        MailThread thread = insertThread(inbox, T0);
        Message in1 = insert(message(inbox, thread, Direction.INBOUND, T0, null, List.of()));
        Message out1 = insert(message(inbox, thread, Direction.OUTBOUND, T0.plusMillis(1), null, List.of()));
        Message in2 = insert(message(inbox, thread, Direction.INBOUND, T0.plusMillis(2), null, List.of()));
        Message out2 = insert(message(inbox, thread, Direction.OUTBOUND, T0.plusMillis(3), null, List.of()));
        Message in3 = insert(message(inbox, thread, Direction.INBOUND, T0.plusMillis(4), null, List.of()));

        assertMessagePage(List.of(in3.id(), in2.id(), in1.id()), 3, acme, inbox, Direction.INBOUND, ALL);
        assertMessagePage(List.of(out2.id(), out1.id()), 2, acme, inbox, Direction.OUTBOUND, ALL);
        assertMessagePage(List.of(in2.id()), 3, acme, inbox, Direction.INBOUND, new PageRequest(1, 1));
        assertMessagePage(List.of(), 2, acme, inbox, Direction.OUTBOUND, new PageRequest(1, 2));
        assertMessagePage(List.of(in3.id(), out2.id()), 5, acme, inbox, null, new PageRequest(2, 0));
    }

    @Test
    void theReadFilterListsAndCountsReadOrUnreadThreads() {
        Opened acme = openAccount();
        Inbox inbox = insertInbox(acme);
        List<MailThread> threads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            MailThread thread = thread(inbox, T0.plusMillis(i), T0, i % 2 == 1);
            p.saveMail().insertThread(thread);
            threads.add(thread);
        }

        assertThreadPage(List.of(threads.get(4).id(), threads.get(2).id(), threads.get(0).id()), 3, acme, inbox, false,
                ALL);
        assertThreadPage(List.of(threads.get(3).id(), threads.get(1).id()), 2, acme, inbox, true, ALL);
        assertThreadPage(List.of(threads.get(2).id()), 3, acme, inbox, false, new PageRequest(1, 1));
        assertThreadPage(List.of(), 2, acme, inbox, true, new PageRequest(1, 2));

        assertTrue(p.saveMail().updateThread(threads.get(4).markedRead(true)));
        assertThreadPage(List.of(threads.get(4).id(), threads.get(3).id(), threads.get(1).id()), 3, acme, inbox, true,
                ALL);
        assertThreadPage(List.of(threads.get(2).id(), threads.get(0).id()), 2, acme, inbox, false, ALL);
    }

    // ---- threading by Message-ID

    @Test
    void threadOfMessageIdLooksOnlyInTheInboxOfTheAccount() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        Inbox sales = insertInbox(acme);
        Inbox support = insertInbox(acme);
        Inbox empty = insertInbox(acme);
        Inbox theirs = insertInbox(globex);
        String shared = "shared." + TimeOrderedIds.next() + "@example.com";
        String unicode = "r\u00e9ply." + ROCKET + "." + TimeOrderedIds.next() + "@example.com";
        MailThread salesThread = insertThread(sales, T0);
        MailThread supportThread = insertThread(support, T0);
        MailThread theirThread = insertThread(theirs, T0);
        insert(message(sales, salesThread, Direction.INBOUND, T0, shared, List.of()));
        insert(message(sales, salesThread, Direction.INBOUND, T0, unicode, List.of()));
        insert(message(support, supportThread, Direction.INBOUND, T0, shared, List.of()));
        insert(message(theirs, theirThread, Direction.INBOUND, T0, shared, List.of()));

        assertEquals(Optional.of(salesThread.id()), p.loadMail().threadOfMessageId(acme.id(), sales.id(), shared));
        assertEquals(Optional.of(salesThread.id()), p.loadMail().threadOfMessageId(acme.id(), sales.id(), unicode));
        assertEquals(Optional.of(supportThread.id()), p.loadMail().threadOfMessageId(acme.id(), support.id(), shared));
        assertEquals(Optional.of(theirThread.id()), p.loadMail().threadOfMessageId(globex.id(), theirs.id(), shared));
        assertEquals(Optional.empty(), p.loadMail().threadOfMessageId(acme.id(), empty.id(), shared));
        assertEquals(Optional.empty(), p.loadMail().threadOfMessageId(globex.id(), sales.id(), shared));
        assertEquals(Optional.empty(), p.loadMail().threadOfMessageId(acme.id(), theirs.id(), shared));
        // Only the id itself: a database collation would take these as equal to it.
        for (String near : List.of(shared.toUpperCase(Locale.ROOT), shared + " ", "unknown@example.com")) {
            assertEquals(Optional.empty(), p.loadMail().threadOfMessageId(acme.id(), sales.id(), near), near);
        }
    }

    @Test
    void amongMessagesSharingAMessageIdTheOldestDecides() {
        Opened acme = openAccount();
        Inbox inbox = insertInbox(acme);
        String shared = "twice." + TimeOrderedIds.next() + "@example.com";
        MailThread later = insertThread(inbox, T0);
        MailThread earlier = insertThread(inbox, T0);
        MailThread tied = insertThread(inbox, T0);
        insert(message(inbox, later, Direction.INBOUND, T0.plusSeconds(1), shared, List.of()));
        // Made after the message above, so its id sorts after it too: only its time puts it first.
        insert(message(inbox, earlier, Direction.INBOUND, T0, shared, List.of()));
        insert(message(inbox, tied, Direction.INBOUND, T0, shared, List.of()));

        assertEquals(Optional.of(earlier.id()), p.loadMail().threadOfMessageId(acme.id(), inbox.id(), shared));
    }

    // ---- updating threads

    @Test
    void updateThreadStoresTheReadMarkTheCountAndTheLastMessageTimeOnly() {
        Opened acme = openAccount();
        Inbox inbox = insertInbox(acme);
        MailThread stored = insertThread(inbox, T0);
        MailThread changed = new MailThread(stored.id(), acme.id(), stored.podId(), stored.inboxId(), "Other subject",
                true, T0.plusSeconds(30).plusMillis(9), T0.plusSeconds(3600), 5);

        assertTrue(p.saveMail().updateThread(changed));

        assertEquals(new MailThread(stored.id(), acme.id(), stored.podId(), stored.inboxId(), stored.subject(), true,
                        T0.plusSeconds(30).plusMillis(9), stored.createdAt(), 5),
                p.loadMail().findThread(acme.id(), stored.id()).orElseThrow());
        // Nothing to change is still a thread that is there (some drivers count changed rows, not matched ones).
        assertTrue(p.saveMail().updateThread(changed));
    }

    @Test
    void updateThreadReportsAThreadThatIsGone() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        Inbox inbox = insertInbox(acme);
        MailThread thread = insertThread(inbox, T0);
        MailThread asGlobexSeesIt = new MailThread(thread.id(), globex.id(), globex.pod().id(), inbox.id(),
                thread.subject(), true, T0.plusSeconds(1), T0, 9);

        assertFalse(p.saveMail().updateThread(thread(inbox, T0, T0, true)));
        assertFalse(p.saveMail().updateThread(asGlobexSeesIt));
        assertEquals(thread, p.loadMail().findThread(acme.id(), thread.id()).orElseThrow());

        assertTrue(p.saveInbox().remove(inbox));
        assertFalse(p.saveMail().updateThread(thread.markedRead(true)));
    }

    // ---- message status

    /** The outbox worker marks a sent message sent or failed: that message's status, and nothing else, changes. */
    @Test
    void updateStatusChangesOnlyThatMessagesStatus() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        Inbox inbox = insertInbox(acme);
        MailThread thread = insertThread(inbox, T0);
        List<ParsedAttachment> parts = List.of(part("a.txt", "text/plain", bytes("a")));
        Message pending = withStatus(message(inbox, thread, Direction.OUTBOUND, T0, "p@example.com", infos(parts)),
                MessageStatus.PENDING);
        Message sibling = withStatus(message(inbox, thread, Direction.OUTBOUND, T0.plusMillis(1), null, List.of()),
                MessageStatus.PENDING);
        insertWith(pending, parts);
        insert(sibling);

        p.saveMail().updateStatus(acme.id(), pending.id(), MessageStatus.SENT);

        assertEquals(withStatus(pending, MessageStatus.SENT),
                p.loadMail().findMessage(acme.id(), pending.id()).orElseThrow());
        assertEquals(sibling, p.loadMail().findMessage(acme.id(), sibling.id()).orElseThrow());
        assertArrayEquals(bytes("raw of " + pending.id()), p.loadMail().findRaw(acme.id(), pending.id()).orElseThrow());

        p.saveMail().updateStatus(acme.id(), pending.id(), MessageStatus.FAILED);
        // Another account's id, and an id never stored, change nothing and are no error.
        p.saveMail().updateStatus(globex.id(), sibling.id(), MessageStatus.FAILED);
        p.saveMail().updateStatus(acme.id(), MessageId.generate(), MessageStatus.SENT);

        assertEquals(List.of(withStatus(pending, MessageStatus.FAILED), sibling),
                messagesOfThread(acme.id(), thread.id()));
    }

    // ---- inboxes that are gone

    @Test
    void writingForAnInboxThatIsGoneThrowsInboxGone() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        Inbox gone = insertInbox(acme);
        MailThread goneThread = insertThread(gone, T0);
        Inbox theirs = insertInbox(globex);
        assertTrue(p.saveInbox().remove(gone));
        Inbox neverStored = Inbox.create(acme.id(), acme.pod().id(), uniqueAddress(), null, null, null, T0);
        Inbox theirsAsOurs = Inbox.reconstitute(theirs.id(), acme.id(), acme.pod().id(), theirs.address(), null, null,
                null, null, T0);
        List<Message> refused = new ArrayList<>();

        for (Inbox inbox : List.of(gone, neverStored, theirsAsOurs)) {
            assertThrows(InboxGoneException.class, () -> p.saveMail().insertThread(thread(inbox, T0, T0, false)),
                    inbox.id().value());
        }
        // The thread went with its inbox, so the database may name either foreign key; both mean the inbox is gone.
        Message intoGoneThread = message(gone, goneThread, Direction.INBOUND, T0, null, List.of());
        assertThrows(InboxGoneException.class, () -> insert(intoGoneThread));
        refused.add(intoGoneThread);
        for (Inbox inbox : List.of(neverStored, theirsAsOurs)) {
            Message message = message(inbox, thread(inbox, T0, T0, false), Direction.INBOUND, T0, null, List.of());
            assertThrows(InboxGoneException.class, () -> insert(message), inbox.id().value());
            refused.add(message);
        }

        for (Message message : refused) {
            assertEquals(Optional.empty(), p.loadMail().findMessage(acme.id(), message.id()));
        }
        assertEquals(new StoredRows(0, 0, 0), storedRows(acme.id(), gone.id(), messageIds(refused)));
        assertEquals(new StoredRows(0, 0, 0), storedRows(acme.id(), theirs.id(), messageIds(refused)));
    }

    /** ReceiveMailService files a message in each recipient inbox in one transaction, skipping those just deleted. */
    @Test
    void anInboxGoneRefusalLeavesTheTransactionUsable() {
        Opened acme = openAccount();
        Inbox gone = insertInbox(acme);
        MailThread goneThread = insertThread(gone, T0);
        assertTrue(p.saveInbox().remove(gone));
        Inbox live = insertInbox(acme);
        MailThread liveThread = thread(live, T0, T0, false);
        Message liveMessage = message(live, liveThread, Direction.INBOUND, T0, null, List.of());

        p.transactions().inTransaction(() -> {
            assertThrows(InboxGoneException.class, () -> p.saveMail().insertThread(thread(gone, T0, T0, false)));
            assertThrows(InboxGoneException.class,
                    () -> insert(message(gone, goneThread, Direction.INBOUND, T0, null, List.of())));
            p.saveMail().insertThread(liveThread);
            insert(liveMessage);
            return null;
        });

        assertEquals(liveThread, p.loadMail().findThread(acme.id(), liveThread.id()).orElseThrow());
        assertEquals(liveMessage, p.loadMail().findMessage(acme.id(), liveMessage.id()).orElseThrow());
    }

    @Test
    void aMessageNeedsAThreadOfItsOwnInbox() {
        Opened acme = openAccount();
        Inbox inbox = insertInbox(acme);
        Inbox other = insertInbox(acme);
        MailThread othersThread = insertThread(other, T0);
        Message intoOthersThread = message(inbox, othersThread, Direction.INBOUND, T0, null, List.of());
        Message intoNoThread = message(inbox, thread(inbox, T0, T0, false), Direction.INBOUND, T0, null, List.of());

        for (Message message : List.of(intoOthersThread, intoNoThread)) {
            RuntimeException refused = assertThrows(RuntimeException.class, () -> insert(message));
            assertFalse(refused instanceof InboxGoneException, refused::toString);
            assertEquals(Optional.empty(), p.loadMail().findMessage(acme.id(), message.id()));
        }
    }

    /** Deleting an inbox is how its mail is deleted: nothing of it may stay behind, seen or unseen. */
    @Test
    void removingAnInboxRemovesItsThreadsMessagesAndAttachments() {
        Opened acme = openAccount();
        Inbox doomed = insertInbox(acme);
        Inbox sibling = insertInbox(acme);
        MailThread first = insertThread(doomed, T0);
        MailThread second = insertThread(doomed, T0);
        MailThread kept = insertThread(sibling, T0);
        List<ParsedAttachment> parts = List.of(part("a.txt", "text/plain", bytes("a")), part("b.txt", "text/plain",
                bytes("b")));
        Message m1 = insertWith(message(doomed, first, Direction.INBOUND, T0, "m1@example.com", infos(parts)), parts);
        Message m2 = insert(message(doomed, first, Direction.OUTBOUND, T0, null, List.of()));
        Message m3 = insertWith(message(doomed, second, Direction.INBOUND, T0, null, infos(parts)), parts);
        Message keptMessage = insertWith(message(sibling, kept, Direction.INBOUND, T0, "m1@example.com", infos(parts)),
                parts);
        List<MessageId> doomedMessages = messageIds(List.of(m1, m2, m3));
        assertEquals(new StoredRows(2, 3, 4), storedRows(acme.id(), doomed.id(), doomedMessages));

        assertTrue(p.saveInbox().remove(doomed));

        assertEquals(new StoredRows(0, 0, 0), storedRows(acme.id(), doomed.id(), doomedMessages));
        assertEquals(Optional.empty(), p.loadMail().findThread(acme.id(), first.id()));
        assertEquals(Optional.empty(), p.loadMail().findMessage(acme.id(), m1.id()));
        assertEquals(Optional.empty(), p.loadMail().findRaw(acme.id(), m1.id()));
        assertEquals(Optional.empty(), p.loadMail().findAttachment(acme.id(), m1.id(), "a.txt"));
        assertEquals(List.of(), messagesOfThread(acme.id(), first.id()));
        assertEquals(Optional.empty(), p.loadMail().threadOfMessageId(acme.id(), doomed.id(), "m1@example.com"));
        assertMessagePage(List.of(), 0, acme, doomed, null, ALL);
        assertThreadPage(List.of(), 0, acme, doomed, null, ALL);

        assertEquals(new StoredRows(1, 1, 2), storedRows(acme.id(), sibling.id(), List.of(keptMessage.id())));
        assertEquals(keptMessage, p.loadMail().findMessage(acme.id(), keptMessage.id()).orElseThrow());
        assertEquals(Optional.of(kept.id()), p.loadMail().threadOfMessageId(acme.id(), sibling.id(), "m1@example.com"));
    }

    // ---- accounts

    @Test
    void anotherAccountsMailIsNeverFound() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        Inbox inbox = insertInbox(acme);
        MailThread thread = insertThread(inbox, T0);
        List<ParsedAttachment> parts = List.of(part("a.txt", "text/plain", bytes("a")));
        Message message = insertWith(message(inbox, thread, Direction.INBOUND, T0, "x@example.com", infos(parts)),
                parts);
        AccountId them = globex.id();

        assertEquals(Optional.empty(), p.loadMail().findThread(them, thread.id()));
        assertEquals(Optional.empty(),
                p.transactions().inTransaction(() -> p.loadMail().findThreadForUpdate(them, thread.id())));
        assertEquals(Optional.empty(), p.loadMail().findMessage(them, message.id()));
        assertEquals(Optional.empty(), p.loadMail().findRaw(them, message.id()));
        assertEquals(Optional.empty(), p.loadMail().findAttachment(them, message.id(), "a.txt"));
        assertEquals(List.of(), messagesOfThread(them, thread.id()));
        assertEquals(Optional.empty(), p.loadMail().threadOfMessageId(them, inbox.id(), "x@example.com"));
        assertMessagePage(List.of(), 0, globex, inbox, null, ALL);
        assertThreadPage(List.of(), 0, globex, inbox, null, ALL);
        // The owner finds them all, and unknown ids find nothing.
        assertEquals(message, p.loadMail().findMessage(acme.id(), message.id()).orElseThrow());
        assertEquals(Optional.empty(), p.loadMail().findThread(acme.id(), ThreadId.generate()));
        assertEquals(Optional.empty(), p.loadMail().findMessage(acme.id(), MessageId.generate()));
        assertEquals(Optional.empty(), p.loadMail().findRaw(acme.id(), MessageId.generate()));
    }

    // ---- transactions and refusals

    @Test
    void aTransactionWhoseWorkThrowsTakesBackMail() {
        Opened acme = openAccount();
        Inbox inbox = insertInbox(acme);
        MailThread kept = insertThread(inbox, T0);
        MailThread newThread = thread(inbox, T0, T0, false);
        List<ParsedAttachment> parts = List.of(part("a.txt", "text/plain", bytes("a")));
        Message newMessage = message(inbox, newThread, Direction.INBOUND, T0, "new@example.com", infos(parts));
        IllegalStateException failure = new IllegalStateException("the work failed after its writes");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> p.transactions().inTransaction(
                () -> {
                    p.saveMail().insertThread(newThread);
                    insertWith(newMessage, parts);
                    assertTrue(p.saveMail().updateThread(kept.withInbound(T0.plusSeconds(5)).markedRead(true)));
                    throw failure;
                }));

        assertSame(failure, thrown);
        assertEquals(Optional.empty(), p.loadMail().findThread(acme.id(), newThread.id()));
        assertEquals(Optional.empty(), p.loadMail().findMessage(acme.id(), newMessage.id()));
        assertEquals(kept, p.loadMail().findThread(acme.id(), kept.id()).orElseThrow());
        assertEquals(new StoredRows(1, 0, 0), storedRows(acme.id(), inbox.id(), List.of(newMessage.id())));
    }

    /** Lists are stored newline-joined, and attachment rows take their names from the message and bytes from parts. */
    @Test
    void whatCouldNotComeBackAsItWasIsRefused() {
        Opened acme = openAccount();
        Inbox inbox = insertInbox(acme);
        MailThread thread = insertThread(inbox, T0);
        ParsedAttachment part = part("a.txt", "text/plain", bytes("abc"));
        Message plain = message(inbox, thread, Direction.INBOUND, T0, null, List.of());
        List<Runnable> refusals = List.of(
                () -> p.saveMail().insertMessage(withLists(plain, List.of("a@example.com\nb@example.com"), List.of()),
                        bytes("raw"), List.of()),
                () -> p.saveMail().insertMessage(withLists(plain, List.of(), List.of("x@example.com\n")),
                        bytes("raw"), List.of()),
                () -> p.saveMail().insertMessage(plain, bytes("raw"), List.of(part)),
                () -> p.saveMail().insertMessage(message(inbox, thread, Direction.INBOUND, T0, null,
                        List.of(new AttachmentInfo("a.txt", "text/plain", 4))), bytes("raw"), List.of(part)),
                () -> p.saveMail().insertMessage(message(inbox, thread, Direction.INBOUND, T0, null,
                        List.of(new AttachmentInfo("b.txt", "text/plain", 3))), bytes("raw"), List.of(part)));

        for (Runnable refusal : refusals) {
            assertThrows(IllegalArgumentException.class, refusal::run);
        }
        assertEquals(List.of(), messagesOfThread(acme.id(), thread.id()));
    }

    // ---- helpers

    /** An account of this test's own, with its default pod, as every account has. */
    private Opened openAccount() {
        Account account = Account.open(null, new InboxLimit(10), T0);
        Pod defaultPod = Pod.createDefault(account.id(), T0);
        p.saveAccount().insert(account);
        p.savePod().insert(defaultPod);
        return new Opened(account, defaultPod);
    }

    private record Opened(Account account, Pod pod) {
        AccountId id() {
            return account.id();
        }
    }

    /** An inbox with an address unique in the installation, so that tests sharing a database never collide. */
    private Inbox insertInbox(Opened owner) {
        Inbox inbox = Inbox.create(owner.id(), owner.pod().id(), uniqueAddress(), null, null, null, T0);
        p.saveInbox().insert(inbox);
        return inbox;
    }

    private static EmailAddress uniqueAddress() {
        return new EmailAddress(new MailboxName(TimeOrderedIds.next()), new DomainName("contract.test"));
    }

    private static MailThread thread(Inbox inbox, Instant lastMessageAt, Instant createdAt, boolean isRead) {
        return new MailThread(ThreadId.generate(), inbox.accountId(), inbox.podId(), inbox.id(), "Subject " + ROCKET,
                isRead, lastMessageAt, createdAt, 1);
    }

    private MailThread insertThread(Inbox inbox, Instant lastMessageAt) {
        MailThread thread = thread(inbox, lastMessageAt, T0, false);
        p.saveMail().insertThread(thread);
        return thread;
    }

    private static Message message(Inbox inbox, MailThread thread, Direction direction, Instant createdAt,
                                   String rfcMessageId, List<AttachmentInfo> attachments) {
        return new Message(MessageId.generate(), inbox.accountId(), inbox.podId(), inbox.id(), thread.id(), direction,
                direction == Direction.INBOUND ? MessageStatus.RECEIVED : MessageStatus.SENT, "from@example.com",
                inbox.address().value(), null, null, List.of(), "Hi", "Hello", null, attachments, rfcMessageId, null,
                List.of(), createdAt);
    }

    /** A whole thread of the contract's few messages, as one unlimited page. */
    private List<Message> messagesOfThread(AccountId accountId, ThreadId threadId) {
        return p.loadMail().threadMessages(accountId, threadId, ALL, BodyBudget.UNLIMITED).map(BoundedMessage::message)
                .items();
    }

    private static Message withBodies(Message m, String bodyText, String bodyHtml) {
        return BoundedMessage.withBodies(m, bodyText, bodyHtml);
    }

    private static Message withStatus(Message m, MessageStatus status) {
        return new Message(m.id(), m.accountId(), m.podId(), m.inboxId(), m.threadId(), m.direction(), status,
                m.fromAddr(), m.toAddr(), m.headerTo(), m.deliveryRole(), m.cc(), m.subject(), m.bodyText(),
                m.bodyHtml(), m.attachments(), m.rfcMessageId(), m.inReplyTo(), m.references(), m.createdAt());
    }

    private static Message withLists(Message m, List<String> cc, List<String> references) {
        return new Message(m.id(), m.accountId(), m.podId(), m.inboxId(), m.threadId(), m.direction(), m.status(),
                m.fromAddr(), m.toAddr(), m.headerTo(), m.deliveryRole(), cc, m.subject(), m.bodyText(), m.bodyHtml(),
                m.attachments(), m.rfcMessageId(), m.inReplyTo(), references, m.createdAt());
    }

    /** Stores a message without attachments. */
    private Message insert(Message message) {
        return insertWith(message, List.of());
    }

    private Message insertWith(Message message, List<ParsedAttachment> parts) {
        p.saveMail().insertMessage(message, bytes("raw of " + message.id()), parts);
        return message;
    }

    private static ParsedAttachment part(String filename, String contentType, byte[] content) {
        return new ParsedAttachment(filename, contentType, content);
    }

    private static List<AttachmentInfo> infos(List<ParsedAttachment> parts) {
        return parts.stream()
                .map(part -> new AttachmentInfo(part.filename(), part.contentType(), part.content().length)).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code length} bytes that start with every byte value in order and a run of NUL bytes (which text handling
     * anywhere would mangle or cut at), followed by seeded random bytes.
     */
    private static byte[] binary(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        for (int i = 0; i < Math.min(256, length); i++) {
            bytes[i] = (byte) i;
        }
        for (int i = 256; i < Math.min(512, length); i++) {
            bytes[i] = 0;
        }
        return bytes;
    }

    private void assertAttachment(String expectedContent, Opened owner, Message message, String filename) {
        StoredAttachment found = p.loadMail().findAttachment(owner.id(), message.id(), filename).orElseThrow();
        assertEquals(filename, found.info().filename());
        assertArrayEquals(bytes(expectedContent), found.content(), filename);
    }

    private void assertMessagePage(List<MessageId> expected, long total, Opened owner, Inbox inbox, Direction direction,
                                   PageRequest request) {
        Page<Message> page = p.loadMail().listMessages(owner.id(), inbox.id(), direction, request, BodyBudget.UNLIMITED)
                .map(BoundedMessage::message);
        assertEquals(expected, messageIds(page.items()), () -> direction + " " + request);
        assertEquals(total, page.total(), () -> direction + " " + request);
    }

    private void assertThreadPage(List<ThreadId> expected, long total, Opened owner, Inbox inbox, Boolean isRead,
                                  PageRequest request) {
        Page<MailThread> page = p.loadMail().listThreads(owner.id(), inbox.id(), isRead, request);
        assertEquals(expected, threadIds(page.items()), () -> isRead + " " + request);
        assertEquals(total, page.total(), () -> isRead + " " + request);
    }

    private static List<MessageId> messageIds(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }

    private static List<ThreadId> threadIds(List<MailThread> threads) {
        return threads.stream().map(MailThread::id).toList();
    }
}
