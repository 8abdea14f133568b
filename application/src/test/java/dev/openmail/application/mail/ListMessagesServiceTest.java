package dev.openmail.application.mail;

import dev.openmail.domain.mail.BoundedMessage;
import dev.openmail.domain.mail.BodyBudget;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.Direction;
import dev.openmail.domain.mail.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.mail.MailFixture.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ListMessagesServiceTest {

    private final MailFixture fixture = new MailFixture();
    private final AccountId acme = fixture.account();
    private final Inbox support = fixture.inbox(acme, "support");
    private final Inbox sales = fixture.inbox(acme, "sales");

    /** In order of time: received "first", sent "offer", received "second" (in another thread), one a minute. */
    @BeforeEach
    void threeMessages() {
        fixture.receive(RawMail.from("alice@example.com").subject("first").messageId("first@example.com"),
                address(support));
        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.send(owner(acme), support, "k1", MailFixture.newMail("bob@example.com", "offer", "Buy"));
        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.receive(RawMail.from("carol@example.com").subject("second").messageId("second@example.com"),
                address(support));
        // Mail of a sibling inbox is never listed with this one's.
        fixture.receive(RawMail.from("alice@example.com").subject("elsewhere"), address(sales));
    }

    @Test
    void listsNewestFirst() {
        Page<Message> page = fixture.listMessages().list(owner(acme), support.id(), null, PageRequest.firstPage(),
                BodyBudget.UNLIMITED).map(BoundedMessage::message);

        assertEquals(List.of("second", "offer", "first"), subjects(page));
        assertEquals(3, page.total());
    }

    @Test
    void listsOnlyInboundOrOnlyOutboundWhenAsked() {
        Page<Message> inbound = fixture.listMessages().list(owner(acme), support.id(), Direction.INBOUND,
                PageRequest.firstPage(), BodyBudget.UNLIMITED).map(BoundedMessage::message);
        Page<Message> outbound = fixture.listMessages().list(owner(acme), support.id(), Direction.OUTBOUND,
                PageRequest.firstPage(), BodyBudget.UNLIMITED).map(BoundedMessage::message);

        assertEquals(List.of("second", "first"), subjects(inbound));
        assertEquals(2, inbound.total());
        assertEquals(List.of("offer"), subjects(outbound));
        assertEquals(1, outbound.total());
    }

    @Test
    void pagesThroughTheOrder() {
        Page<Message> page = fixture.listMessages().list(owner(acme), support.id(), null, new PageRequest(1, 1),
                BodyBudget.UNLIMITED).map(BoundedMessage::message);

        assertEquals(List.of("offer"), subjects(page));
        assertEquals(3, page.total());
    }

    @Test
    void anUnknownInboxIsNotFound() {
        InboxId unknown = InboxId.generate();

        assertThrows(NotFoundException.class,
                () -> fixture.listMessages().list(owner(acme), unknown, null, PageRequest.firstPage(),
                        BodyBudget.UNLIMITED));
    }

    private static List<String> subjects(Page<Message> page) {
        return page.items().stream().map(Message::subject).toList();
    }
}
