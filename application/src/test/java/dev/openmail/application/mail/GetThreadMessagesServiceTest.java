package dev.openmail.application.mail;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.inbox.Inbox;
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

        GetThreadMessages.ThreadWithMessages found = fixture.threadMessages().get(owner(acme), thread);

        assertEquals(thread, found.thread().id());
        assertEquals(3, found.thread().messageCount());
        assertEquals(List.of(Direction.INBOUND, Direction.OUTBOUND, Direction.INBOUND),
                found.messages().stream().map(Message::direction).toList());
        assertEquals(List.of(MailFixture.T0, MailFixture.T0.plus(Duration.ofMinutes(1)),
                        MailFixture.T0.plus(Duration.ofMinutes(2))),
                found.messages().stream().map(Message::createdAt).toList());
    }

    @Test
    void anUnknownThreadIsNotFound() {
        ThreadId unknown = ThreadId.generate();

        NotFoundException e = assertThrows(NotFoundException.class,
                () -> fixture.threadMessages().get(owner(acme), unknown));
        assertTrue(e.getMessage().contains(unknown.value()), e.getMessage());
    }
}
