package dev.openmail.application.mail;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.port.in.ReceiveMail;
import dev.openmail.domain.port.in.SendMail;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.mail.MailFixture.address;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GetRawMessageServiceTest {

    private final MailFixture fixture = new MailFixture();
    private final AccountId acme = fixture.account();
    private final Inbox support = fixture.inbox(acme, "support");

    @Test
    void givesAReceivedMessageExactlyAsItArrived() {
        byte[] raw = RawMail.from("alice@example.com").to(address(support)).subject("Exact")
                .body("line one\r\n\r\n  indented line\r\n").bytes();
        fixture.receiver().receive(new ReceiveMail.Command(raw, "bounce@example.com", List.of(address(support))));

        byte[] found = fixture.rawMessages().get(owner(acme), fixture.onlyMessage(support).id());

        assertArrayEquals(raw, found);
    }

    @Test
    void givesASentMessageExactlyAsItWasWritten() {
        SendMail.Sent sent = fixture.send(owner(acme), support, "k1",
                MailFixture.newMail("bob@example.com", "Hi", "Hello"));

        byte[] found = fixture.rawMessages().get(owner(acme), sent.messageId());

        assertEquals(1, fixture.composer.compositions().size());
        assertArrayEquals(fixture.composer.compose(fixture.composer.last()), found);
    }

    @Test
    void anUnknownMessageIsNotFound() {
        MessageId unknown = MessageId.generate();

        assertThrows(NotFoundException.class, () -> fixture.rawMessages().get(owner(acme), unknown));
    }
}
