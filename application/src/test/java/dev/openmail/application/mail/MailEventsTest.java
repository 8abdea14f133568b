package dev.openmail.application.mail;

import dev.openmail.domain.usage.StorageQuotas;
import dev.openmail.application.fakes.SaveMailFailingOnInsert;
import dev.openmail.application.fakes.ScriptedRelay.Outcome;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.event.EventAttachment;
import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.LoggedEvent;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.event.MessageSnapshot;
import dev.openmail.domain.delivery.DeliveryState;
import dev.openmail.domain.delivery.RecipientDelivery;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.OutgoingMail;
import dev.openmail.domain.mail.ParsedAttachment;
import dev.openmail.domain.port.in.ReceiveMail;
import dev.openmail.domain.port.in.SendMail;
import dev.openmail.domain.port.out.RecordEvents;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.mail.MailFixture.address;
import static dev.openmail.application.mail.MailFixture.newMail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The events the mail use cases record, each in the transaction of the change it reports. */
class MailEventsTest {

    private final MailFixture fixture = new MailFixture();
    private final AccountId acme = fixture.account();
    private final AccountId globex = fixture.account();
    private final Inbox support = fixture.inbox(acme, "support");
    private final Inbox sales = fixture.inbox(acme, "sales");
    private final Inbox billing = fixture.inbox(globex, "billing");

    // ---- receiving

    @Test
    void eachInboxThatReceivesAMessageGetsOneReceivedEvent() {
        byte[] raw = RawMail.from("alice@example.com").to(address(support), address(billing)).cc(address(sales))
                .subject("Order 42").messageId("m1@example.com").body("Where is it?").bytes();

        fixture.receiver().receive(new ReceiveMail.Command(raw, "bounce@example.com",
                List.of(address(support), address(billing), address(sales), "nobody@openmail.test")));

        for (Inbox inbox : List.of(support, sales, billing)) {
            Message filed = fixture.onlyMessage(inbox);
            MailEvent event = onlyEvent(inbox.accountId(), inbox);
            assertEquals(EventType.MESSAGE_RECEIVED, event.type());
            assertEquals(filed.id(), event.messageId());
            assertEquals(filed.threadId(), event.threadId());
            assertEquals(inbox.podId(), event.podId());
            assertEquals(MailFixture.T0, event.occurredAt());
            assertEquals(MessageSnapshot.of(filed), event.message());
            assertEquals("Order 42", event.message().subject());
            assertEquals("m1@example.com", event.message().rfcMessageId());
        }
        assertEquals(2, events(acme).size());
        assertEquals(1, events(globex).size());
    }

    @Test
    void aFailingEventWriteFilesNoMessage() {
        RecordEvents failing = events -> {
            throw new IllegalStateException("disk full while recording " + events.size() + " events");
        };
        ReceiveMailService receiver = new ReceiveMailService(fixture.transactions, fixture.store, fixture.store.mail(),
                fixture.store.mail(), fixture.parser, failing, fixture.store.senderRules(),
                fixture.clock, fixture.store.usage(), StorageQuotas.UNLIMITED);
        byte[] raw = RawMail.from("alice@example.com").to(address(support)).bytes();

        assertThrows(IllegalStateException.class, () -> receiver.receive(new ReceiveMail.Command(raw,
                "bounce@example.com", List.of(address(support)))));

        assertTrue(fixture.messages(support).isEmpty(), "the message may not be filed without its event");
        assertTrue(fixture.threads(support).isEmpty());
    }

    @Test
    void aFailingFilingRecordsNoEvent() {
        ReceiveMailService receiver = new ReceiveMailService(fixture.transactions, fixture.store, fixture.store.mail(),
                new SaveMailFailingOnInsert(fixture.store.mail(), 2), fixture.parser,
                fixture.store.events(), fixture.store.senderRules(), fixture.clock, fixture.store.usage(), StorageQuotas.UNLIMITED);
        byte[] raw = RawMail.from("alice@example.com").to(address(support), address(sales)).bytes();

        assertThrows(IllegalStateException.class, () -> receiver.receive(new ReceiveMail.Command(raw,
                "bounce@example.com", List.of(address(support), address(sales)))));

        assertEquals(List.of(), events(acme));
    }

    // ---- sending

    @Test
    void aSendToLocalInboxesIsSentReceivedAndDeliveredAtOnce() {
        SendMail.Sent sent = fixture.send(owner(acme), support, "k1", newMail(address(billing), "Lunch?", "Shall we?",
                address(sales)));

        Message outbound = fixture.store.mail().findMessage(acme, sent.messageId()).orElseThrow();
        List<MailEvent> ofSupport = eventsOf(acme, support);
        assertEquals(List.of(EventType.MESSAGE_SENT, EventType.MESSAGE_DELIVERED),
                ofSupport.stream().map(MailEvent::type).toList());
        for (MailEvent event : ofSupport) {
            assertEquals(sent.messageId(), event.messageId());
            assertEquals(sent.threadId(), event.threadId());
            assertEquals(MessageSnapshot.of(outbound), event.message().withDelivery(List.of()));
            assertEquals(MailFixture.T0, event.occurredAt());
        }
        assertEquals(List.of(), ofSupport.get(0).message().delivery(), "message.sent carries no delivery");
        assertEquals(List.of(address(billing), address(sales)),
                ofSupport.get(1).message().delivery().stream().map(RecipientDelivery::address).toList());
        assertTrue(ofSupport.get(1).message().delivery().stream()
                .allMatch(recipient -> recipient.state() == DeliveryState.DELIVERED));
        for (Inbox recipient : List.of(billing, sales)) {
            MailEvent received = onlyEvent(recipient.accountId(), recipient);
            assertEquals(EventType.MESSAGE_RECEIVED, received.type());
            assertEquals(fixture.onlyMessage(recipient).id(), received.messageId());
        }
    }

    @Test
    void aSendToTheOutsideIsSentAndWaitsForTheRelayToBeDelivered() {
        SendMail.Sent sent = fixture.send(owner(acme), support, "k1", newMail("bob@example.com", "Offer", "Buy",
                address(sales)));

        assertEquals(List.of(EventType.MESSAGE_SENT), eventsOf(acme, support).stream().map(MailEvent::type).toList());
        assertEquals(EventType.MESSAGE_RECEIVED, onlyEvent(acme, sales).type());

        fixture.clock.set(MailFixture.T0.plusSeconds(5));
        assertEquals(1, fixture.deliverer(new DeliverOutboxService.Retry(Duration.ofMinutes(1),
                Duration.ofMinutes(10), 3)).deliverDue());

        List<MailEvent> ofSupport = eventsOf(acme, support);
        assertEquals(List.of(EventType.MESSAGE_SENT, EventType.MESSAGE_DELIVERED),
                ofSupport.stream().map(MailEvent::type).toList());
        MailEvent delivered = ofSupport.get(1);
        assertEquals(sent.messageId(), delivered.messageId());
        assertEquals(MailFixture.T0.plusSeconds(5), delivered.occurredAt());
    }

    @Test
    void aMessageTheRelayRefusesForGoodIsFailed() {
        fixture.relay.answer(Outcome.REFUSED);
        SendMail.Sent sent = fixture.send(owner(acme), support, "k1", newMail("bob@example.com", "Offer", "Buy"));

        fixture.deliverer(new DeliverOutboxService.Retry(Duration.ofMinutes(1), Duration.ofMinutes(10), 3))
                .deliverDue();

        List<MailEvent> ofSupport = eventsOf(acme, support);
        assertEquals(List.of(EventType.MESSAGE_SENT, EventType.MESSAGE_FAILED),
                ofSupport.stream().map(MailEvent::type).toList());
        assertEquals(sent.messageId(), ofSupport.get(1).messageId());
    }

    @Test
    void aMessageStillUnsentAfterTheLastAttemptIsFailedOnce() {
        fixture.relay.answer(Outcome.UNAVAILABLE);
        fixture.send(owner(acme), support, "k1", newMail("bob@example.com", "Offer", "Buy"));
        DeliverOutboxService deliverer = fixture.deliverer(new DeliverOutboxService.Retry(Duration.ofMinutes(1),
                Duration.ofMinutes(10), 2));

        deliverer.deliverDue();
        assertEquals(List.of(EventType.MESSAGE_SENT), eventsOf(acme, support).stream().map(MailEvent::type).toList());
        fixture.clock.set(MailFixture.T0.plus(Duration.ofMinutes(1)));
        deliverer.deliverDue();
        fixture.clock.set(MailFixture.T0.plus(Duration.ofHours(1)));
        deliverer.deliverDue();

        assertEquals(List.of(EventType.MESSAGE_SENT, EventType.MESSAGE_FAILED),
                eventsOf(acme, support).stream().map(MailEvent::type).toList());
    }

    @Test
    void attachmentsAreListedWithNothingExtractedYet() {
        OutgoingMail mail = new OutgoingMail("bob@example.com", List.of(), "Files", "Here", null, null, null, true,
                List.of(new ParsedAttachment("a b.txt", "text/plain", "abc".getBytes(StandardCharsets.UTF_8))));

        SendMail.Sent sent = fixture.send(owner(acme), support, "k1", mail);

        MailEvent event = onlyEvent(acme, support);
        assertEquals(sent.messageId(), event.messageId());
        assertEquals(List.of(new EventAttachment("a b.txt", "text/plain", 3, null, null)),
                event.message().attachments());
    }

    private List<MailEvent> events(AccountId accountId) {
        return fixture.store.events().ofAccount(accountId, 100).stream().map(LoggedEvent::event).toList();
    }

    private List<MailEvent> eventsOf(AccountId accountId, Inbox inbox) {
        return events(accountId).stream().filter(event -> event.inboxId().equals(inbox.id())).toList();
    }

    private MailEvent onlyEvent(AccountId accountId, Inbox inbox) {
        List<MailEvent> events = eventsOf(accountId, inbox);
        assertEquals(1, events.size(), () -> "events of " + inbox.address() + ": " + events);
        return events.get(0);
    }
}
