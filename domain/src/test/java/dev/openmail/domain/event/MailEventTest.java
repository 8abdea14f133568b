package dev.openmail.domain.event;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.AttachmentInfo;
import dev.openmail.domain.mail.Direction;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.MessageStatus;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.pod.PodId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MailEventTest {

    private static final Instant FILED = Instant.parse("2024-03-21T10:05:00.123Z");

    @Test
    void eventIdsAreEvtAndATimeOrderedBody() {
        EventId first = EventId.generate();
        EventId second = EventId.generate();

        assertTrue(first.value().startsWith("evt_"));
        assertTrue(EventId.isWellFormed(first.value()));
        assertTrue(first.value().compareTo(second.value()) < 0, first + " sorts before " + second);
        assertFalse(EventId.isWellFormed(MessageId.generate().value()));
        assertThrows(IllegalArgumentException.class, () -> new EventId("evt_abc123"));
    }

    @Test
    void typesCarryTheNamesConsumersSee() {
        assertEquals(List.of("message.received", "message.sent", "message.delivered", "message.failed",
                        "message.bounced"),
                List.of(EventType.values()).stream().map(EventType::wireName).toList());
        for (EventType type : EventType.values()) {
            assertEquals(type, EventType.fromWireName(type.wireName()));
        }
        assertThrows(IllegalArgumentException.class, () -> EventType.fromWireName("inbox.suspended"));
    }

    @Test
    void anEventAboutAMessageCarriesItsPlacesAndASnapshotOfIt() {
        Message message = message(List.of(new AttachmentInfo("Invoice March.pdf", "application/pdf", 12_345),
                new AttachmentInfo("r\u00e9sum\u00e9+1.txt", "text/plain", 3)));
        Instant occurred = Instant.parse("2024-03-21T10:06:00.456789Z");

        MailEvent event = MailEvent.about(EventType.MESSAGE_RECEIVED, message, occurred);

        assertTrue(EventId.isWellFormed(event.id().value()));
        assertEquals(EventType.MESSAGE_RECEIVED, event.type());
        assertEquals(message.accountId(), event.accountId());
        assertEquals(message.podId(), event.podId());
        assertEquals(message.inboxId(), event.inboxId());
        assertEquals(message.threadId(), event.threadId());
        assertEquals(message.id(), event.messageId());
        assertEquals(Instant.parse("2024-03-21T10:06:00.456Z"), event.occurredAt());
        MessageSnapshot snapshot = event.message();
        assertEquals("m1@example.com", snapshot.rfcMessageId());
        assertEquals("alice@example.com", snapshot.from());
        assertEquals("support@openmail.test", snapshot.to());
        assertEquals(List.of("carol@example.org"), snapshot.cc());
        assertEquals("Order 42", snapshot.subject());
        assertEquals("Where is it?", snapshot.bodyText());
        assertEquals(FILED, snapshot.receivedAt());
        assertEquals(List.of(new EventAttachment("Invoice March.pdf", "application/pdf", 12_345, null, null),
                new EventAttachment("r\u00e9sum\u00e9+1.txt", "text/plain", 3, null, null)), snapshot.attachments());
        assertNull(snapshot.attachments().get(0).parsedText());
        assertNull(snapshot.attachments().get(0).extractionMethod());
    }

    @Test
    void everyEventHasItsOwnId() {
        Message message = message(List.of());

        assertNotEquals(MailEvent.about(EventType.MESSAGE_SENT, message, FILED).id(),
                MailEvent.about(EventType.MESSAGE_SENT, message, FILED).id());
    }

    private static Message message(List<AttachmentInfo> attachments) {
        return new Message(MessageId.generate(), AccountId.generate(), PodId.generate(), InboxId.generate(),
                ThreadId.generate(), Direction.INBOUND, MessageStatus.RECEIVED, "alice@example.com",
                "support@openmail.test", "support@openmail.test", null, List.of("carol@example.org"), "Order 42",
                "Where is it?", "<p>Where is it?</p>", attachments, "m1@example.com", null, List.of(), FILED);
    }
}
