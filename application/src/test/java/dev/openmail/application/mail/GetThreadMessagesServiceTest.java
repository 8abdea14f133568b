package dev.openmail.application.mail;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.mail.BodyBudget;
import dev.openmail.domain.mail.BoundedMessage;
import dev.openmail.domain.mail.Direction;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.port.in.GetThreadMessages;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.mail.MailFixture.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GetThreadMessagesServiceTest {

    private static final PageRequest ALL = new PageRequest(PageRequest.MAX_LIMIT, 0);

    private final MailFixture fixture = new MailFixture();
    private final AccountId acme = fixture.account();
    private final Inbox support = fixture.inbox(acme, "support");

    @Test
    void givesTheThreadWithItsMessagesOldestFirst() {
        fixture.receive(RawMail.from("alice@example.com").subject("Order").messageId("q@example.com")
                .body("question"), address(support));
        ThreadId thread = fixture.onlyMessage(support).threadId();
        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.send(owner(acme), support, "k1", MailFixture.reply(thread, "alice@example.com", "answer"));
        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.receive(RawMail.from("alice@example.com").messageId("t@example.com").inReplyTo("q@example.com")
                .body("thanks"), address(support));
        // Another thread of the same inbox stays out.
        fixture.receive(RawMail.from("bob@example.com").subject("Other"), address(support));

        GetThreadMessages.ThreadWithMessages found = fixture.threadMessages().get(owner(acme), thread, ALL,
                BodyBudget.UNLIMITED);

        assertEquals(thread, found.thread().id());
        assertEquals(3, found.thread().messageCount());
        assertEquals(List.of(Direction.INBOUND, Direction.OUTBOUND, Direction.INBOUND),
                messages(found).stream().map(Message::direction).toList());
        assertEquals(List.of(MailFixture.T0, MailFixture.T0.plus(Duration.ofMinutes(1)),
                        MailFixture.T0.plus(Duration.ofMinutes(2))),
                messages(found).stream().map(Message::createdAt).toList());
        assertEquals(3, found.messages().total());
    }

    @Test
    void anUnknownThreadIsNotFound() {
        ThreadId unknown = ThreadId.generate();

        NotFoundException e = assertThrows(NotFoundException.class,
                () -> fixture.threadMessages().get(owner(acme), unknown, ALL, BodyBudget.UNLIMITED));
        assertTrue(e.getMessage().contains(unknown.value()), e.getMessage());
    }

    @Test
    void aLongThreadIsReadPageByPage() {
        ThreadId thread = threadOf(7, "body");

        GetThreadMessages.ThreadWithMessages first = fixture.threadMessages().get(owner(acme), thread,
                new PageRequest(3, 0), BodyBudget.UNLIMITED);
        GetThreadMessages.ThreadWithMessages last = fixture.threadMessages().get(owner(acme), thread,
                new PageRequest(3, 6), BodyBudget.UNLIMITED);

        assertEquals(List.of("body 0", "body 1", "body 2"), texts(first));
        assertEquals(List.of("body 6"), texts(last));
        assertEquals(7, first.messages().total());
        assertEquals(7, last.messages().total());
    }

    @Test
    void bodiesShareTheBudgetShortOnesWholeLongOnesCutAndMarked() {
        ThreadId thread = threadOf(1, "short");
        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.receive(RawMail.from("alice@example.com").inReplyTo("m0@example.com").body("x".repeat(5_000)),
                address(support));
        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.receive(RawMail.from("alice@example.com").inReplyTo("m0@example.com").body("y".repeat(8_000)),
                address(support));

        GetThreadMessages.ThreadWithMessages page = fixture.threadMessages().get(owner(acme), thread, ALL,
                new BodyBudget(1_007));

        List<BoundedMessage> read = page.messages().items();
        assertEquals(3, read.size());
        assertEquals("short 0", read.get(0).message().bodyText().strip());
        assertTrue(!read.get(0).bodyTruncated());
        int level = read.get(1).message().bodyText().length();
        assertTrue(read.get(1).bodyTruncated() && read.get(2).bodyTruncated());
        assertEquals(level, read.get(2).message().bodyText().length(), "the long bodies are cut to the same length");
        long total = read.stream().mapToLong(bounded -> bounded.message().bodyText().length()
                + (bounded.message().bodyHtml() == null ? 0 : bounded.message().bodyHtml().length())).sum();
        assertTrue(total <= 1_007, total + " characters of bodies in one answer");
        assertTrue(level >= 450, "the budget is used, not wasted: " + level);
    }

    /** A thread of {@code count} received messages whose bodies are "{prefix} 0", "{prefix} 1", ... */
    private ThreadId threadOf(int count, String prefix) {
        ThreadId thread = null;
        for (int i = 0; i < count; i++) {
            RawMail mail = RawMail.from("alice@example.com").subject("Long").messageId("m" + i + "@example.com")
                    .body(prefix + " " + i);
            fixture.receive(i == 0 ? mail : mail.inReplyTo("m" + (i - 1) + "@example.com"), address(support));
            if (i == 0) {
                thread = fixture.onlyMessage(support).threadId();
            }
            fixture.clock.advance(Duration.ofSeconds(1));
        }
        return thread;
    }

    private static List<Message> messages(GetThreadMessages.ThreadWithMessages thread) {
        return thread.messages().items().stream().map(BoundedMessage::message).toList();
    }

    private static List<String> texts(GetThreadMessages.ThreadWithMessages thread) {
        return messages(thread).stream().map(message -> message.bodyText().strip()).toList();
    }
}
