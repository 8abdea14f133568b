package dev.openmail.application.mail;

import dev.openmail.application.fakes.LoadMailHidingMessages;
import dev.openmail.application.fakes.ScriptedRelay;
import dev.openmail.application.fakes.ScriptedRelay.Outcome;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.MessageStatus;
import dev.openmail.domain.mail.OutboxEntry;
import dev.openmail.domain.port.in.SendMail;
import dev.openmail.domain.delivery.DeliveryState;
import dev.openmail.domain.delivery.RecipientDelivery;
import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.event.LoggedEvent;
import dev.openmail.domain.port.out.Outbox;
import dev.openmail.domain.suppression.Suppression;
import dev.openmail.domain.suppression.SuppressionType;
import dev.openmail.domain.port.out.TransmitMail;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.mail.MailFixture.address;
import static dev.openmail.application.mail.MailFixture.newMail;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliverOutboxServiceTest {

    private static final Duration BASE = Duration.ofMinutes(1);
    private static final Duration CAP = Duration.ofMinutes(10);
    private static final DeliverOutboxService.Retry RETRY = new DeliverOutboxService.Retry(BASE, CAP, 10);

    private final MailFixture fixture = new MailFixture();
    private final AccountId acme = fixture.account();
    private final Inbox sender = fixture.inbox(acme, "sender");
    private final ScriptedRelay relay = fixture.relay;

    private SendMail.Sent sendTo(String key, String to, String... cc) {
        return fixture.send(owner(acme), sender, key, newMail(to, "Offer " + key, "Buy", cc));
    }

    private MessageStatus status(SendMail.Sent sent) {
        return fixture.store.mail().findMessage(acme, sent.messageId()).orElseThrow().status();
    }

    private Optional<OutboxEntry> entry(SendMail.Sent sent) {
        return fixture.outbox().stream().filter(entry -> entry.messageId().equals(sent.messageId())).findFirst();
    }

    @Test
    void aMessageTheRelayTakesIsSentAndLeavesTheOutbox() {
        SendMail.Sent sent = sendTo("k1", "bob@example.com", "carol@example.org");

        int delivered = fixture.deliverer(RETRY).deliverDue();

        assertEquals(1, delivered);
        assertEquals(1, relay.calls().size());
        ScriptedRelay.Call call = relay.calls().get(0);
        assertEquals(List.of("bob@example.com", "carol@example.org"), call.recipients());
        String senderDomain = address(sender).substring(address(sender).indexOf('@'));
        for (TransmitMail.Envelope envelope : call.envelopes()) {
            assertTrue(envelope.from().startsWith("bounces+") && envelope.from().endsWith(senderDomain),
                    envelope.from());
        }
        assertEquals(2, call.envelopes().stream().map(TransmitMail.Envelope::from).distinct().count(),
                "each recipient has a bounce address of its own");
        assertArrayEquals(fixture.store.mail().findRaw(acme, sent.messageId()).orElseThrow(), call.raw());
        assertEquals(MessageStatus.SENT, status(sent));
        assertTrue(fixture.outbox().isEmpty());
    }

    @Test
    void anUnavailableRelayPutsTheEntryOffWithTheError() {
        relay.answer(Outcome.UNAVAILABLE);
        SendMail.Sent sent = sendTo("k1", "bob@example.com");

        assertEquals(0, fixture.deliverer(RETRY).deliverDue());

        OutboxEntry entry = entry(sent).orElseThrow();
        assertEquals(1, entry.attempts());
        assertEquals(MailFixture.T0.plus(BASE), entry.nextAttemptAt());
        assertEquals("bob@example.com: 421 4.3.2 busy, try later", entry.lastError());
        assertEquals(MessageStatus.PENDING, status(sent));
    }

    @Test
    void eachRetryWaitsTwiceAsLongUpToTheCap() {
        relay.answer(Outcome.UNAVAILABLE);
        SendMail.Sent sent = sendTo("k1", "bob@example.com");
        DeliverOutboxService deliverer = fixture.deliverer(RETRY);
        List<Duration> waits = new ArrayList<>();

        for (int attempt = 1; attempt <= 6; attempt++) {
            Instant attemptedAt = fixture.clock.instant();
            deliverer.deliverDue();
            OutboxEntry entry = entry(sent).orElseThrow();
            assertEquals(attempt, entry.attempts());
            waits.add(Duration.between(attemptedAt, entry.nextAttemptAt()));
            fixture.clock.set(entry.nextAttemptAt());
        }

        assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(8), CAP, CAP), waits);
        assertEquals(6, relay.calls().size());
        assertEquals(MessageStatus.PENDING, status(sent));
    }

    @Test
    void theLastAttemptFailingFailsTheMessage() {
        relay.answer(Outcome.UNAVAILABLE);
        SendMail.Sent sent = sendTo("k1", "bob@example.com");
        DeliverOutboxService deliverer = fixture.deliverer(new DeliverOutboxService.Retry(BASE, CAP, 3));

        deliverer.deliverDue();
        fixture.clock.set(entry(sent).orElseThrow().nextAttemptAt());
        deliverer.deliverDue();
        assertEquals(2, entry(sent).orElseThrow().attempts());
        assertEquals(MessageStatus.PENDING, status(sent), "two of three attempts leave it waiting");
        fixture.clock.set(entry(sent).orElseThrow().nextAttemptAt());
        deliverer.deliverDue();

        assertEquals(3, relay.calls().size());
        assertEquals(MessageStatus.FAILED, status(sent));
        assertTrue(entry(sent).isEmpty());
    }

    @Test
    void aRefusalFailsTheMessageAtOnce() {
        relay.answer(Outcome.REFUSED);
        SendMail.Sent sent = sendTo("k1", "nobody@example.com");

        assertEquals(0, fixture.deliverer(RETRY).deliverDue());

        assertEquals(1, relay.calls().size());
        assertEquals(MessageStatus.FAILED, status(sent));
        assertTrue(fixture.outbox().isEmpty());
    }

    @Test
    void anUnexpectedFailurePutsTheEntryOffAndTheRestOfTheBatchStillGoes() {
        relay.answerFor("broken@example.com", Outcome.BROKEN);
        SendMail.Sent before = sendTo("k1", "bob@example.com");
        SendMail.Sent broken = sendTo("k2", "broken@example.com");
        SendMail.Sent after = sendTo("k3", "carol@example.org");

        int delivered = fixture.deliverer(RETRY).deliverDue();

        assertEquals(2, delivered);
        assertEquals(3, relay.calls().size());
        assertEquals(MessageStatus.SENT, status(before));
        assertEquals(MessageStatus.SENT, status(after));
        assertEquals(MessageStatus.PENDING, status(broken));
        OutboxEntry entry = entry(broken).orElseThrow();
        assertEquals(1, entry.attempts());
        assertEquals(MailFixture.T0.plus(BASE), entry.nextAttemptAt());
        assertTrue(entry.lastError().contains("IllegalStateException"), entry.lastError());
        assertEquals(1, fixture.outbox().size());
    }

    /**
     * An entry that fails in an unexpected way every time must end like one whose relay stays unavailable: failed
     * after the last attempt, not retried at the cap for ever with its message pending.
     */
    @Test
    void anUnexpectedFailureOnTheLastAttemptFailsTheMessage() {
        relay.answer(Outcome.BROKEN);
        SendMail.Sent sent = sendTo("k1", "bob@example.com");
        DeliverOutboxService deliverer = fixture.deliverer(new DeliverOutboxService.Retry(BASE, CAP, 3));

        for (int attempt = 1; attempt <= 3; attempt++) {
            deliverer.deliverDue();
            entry(sent).ifPresent(entry -> fixture.clock.set(entry.nextAttemptAt()));
        }

        assertEquals(3, relay.calls().size());
        assertEquals(MessageStatus.FAILED, status(sent));
        assertTrue(entry(sent).isEmpty());
    }

    @Test
    void anEntryWhoseMessageWentWithItsInboxIsDroppedWithoutRelaying() {
        Inbox doomed = fixture.inbox(acme, "doomed");
        SendMail.Sent gone = fixture.send(owner(acme), doomed, "k1", newMail("bob@example.com", "Bye", "Bye"));
        SendMail.Sent kept = sendTo("k2", "carol@example.org");
        // The inbox is deleted after the worker claimed the entries and before it reads the message.
        Outbox deletingAfterClaim = new Outbox() {
            @Override
            public void enqueue(OutboxEntry entry) {
                fixture.store.outbox().enqueue(entry);
            }

            @Override
            public List<OutboxEntry> claimDue(Instant now, Duration lease, int max) {
                List<OutboxEntry> claimed = fixture.store.outbox().claimDue(now, lease, max);
                fixture.store.remove(doomed);
                return claimed;
            }

            @Override
            public void reschedule(OutboxEntry entry) {
                fixture.store.outbox().reschedule(entry);
            }

            @Override
            public void remove(AccountId accountId, MessageId messageId) {
                fixture.store.outbox().remove(accountId, messageId);
            }

            @Override
            public java.util.OptionalLong claimedUntil(AccountId accountId, MessageId messageId) {
                return fixture.store.outbox().claimedUntil(accountId, messageId);
            }
        };
        DeliverOutboxService deliverer = new DeliverOutboxService(fixture.transactions, deletingAfterClaim,
                fixture.store.mail(), fixture.store.mail(), relay, fixture.store.events(),
                fixture.store.outboundRecipients(), fixture.store.suppressions(), fixture.clock, RETRY);

        int delivered = deliverer.deliverDue();

        assertEquals(1, delivered);
        assertEquals(1, relay.calls().size());
        assertEquals(List.of("carol@example.org"), relay.calls().get(0).recipients());
        assertEquals(MessageStatus.SENT, status(kept));
        assertTrue(entry(gone).isEmpty());
        assertTrue(fixture.outbox().isEmpty());
    }

    @Test
    void anEntryWhoseMessageCannotBeReadIsRemovedByTheWorker() {
        SendMail.Sent unreadable = sendTo("k1", "bob@example.com");
        SendMail.Sent readable = sendTo("k2", "carol@example.org");
        // The outbox row outlives its message here, so only the worker itself can take it away.
        LoadMailHidingMessages loadMail = new LoadMailHidingMessages(fixture.store.mail()).hide(unreadable.messageId());
        DeliverOutboxService deliverer = new DeliverOutboxService(fixture.transactions, fixture.store.outbox(),
                loadMail, fixture.store.mail(), relay, fixture.store.events(), fixture.store.outboundRecipients(),
                fixture.store.suppressions(), fixture.clock, RETRY);

        assertEquals(1, deliverer.deliverDue());

        assertEquals(List.of(List.of("carol@example.org")),
                relay.calls().stream().map(ScriptedRelay.Call::recipients).toList());
        assertTrue(entry(unreadable).isEmpty());
        assertTrue(entry(readable).isEmpty());
    }

    @Test
    void anEntryIsNotRelayedBeforeItIsDue() {
        relay.answer(Outcome.UNAVAILABLE);
        SendMail.Sent sent = sendTo("k1", "bob@example.com");
        DeliverOutboxService deliverer = fixture.deliverer(RETRY);
        deliverer.deliverDue();
        relay.answer(Outcome.ACCEPT);

        assertEquals(0, deliverer.deliverDue());
        fixture.clock.set(MailFixture.T0.plus(BASE).minusMillis(1));
        assertEquals(0, deliverer.deliverDue());
        assertEquals(1, relay.calls().size(), "only the first attempt reached the relay");

        fixture.clock.set(MailFixture.T0.plus(BASE));
        assertEquals(1, deliverer.deliverDue());

        assertEquals(2, relay.calls().size());
        assertEquals(MessageStatus.SENT, status(sent));
    }

    @Test
    void mailForLocalInboxesOnlyNeverReachesTheRelay() {
        Inbox local = fixture.inbox(acme, "local");
        fixture.send(owner(acme), sender, "k1", newMail(address(local), "Hi", "Hello"));

        assertEquals(0, fixture.deliverer(RETRY).deliverDue());

        assertTrue(relay.calls().isEmpty());
    }

    // ---- recipient by recipient

    private List<RecipientDelivery> recipients(SendMail.Sent sent) {
        return fixture.store.outboundRecipients().of(acme, sent.messageId());
    }

    private DeliveryState stateOf(SendMail.Sent sent, String address) {
        return recipients(sent).stream().filter(row -> row.address().equals(address)).findFirst().orElseThrow()
                .state();
    }

    @Test
    void oneRecipientRefusedForGoodFailsOnlyThatRecipientAndSuppressesItsAddress() {
        relay.answerFor("gone@example.org", Outcome.REFUSED);
        SendMail.Sent sent = sendTo("k1", "bob@example.com", "gone@example.org", "carol@example.org");

        assertEquals(1, fixture.deliverer(RETRY).deliverDue());

        assertEquals(MessageStatus.SENT, status(sent), "delivered to two of three");
        assertEquals(DeliveryState.DELIVERED, stateOf(sent, "bob@example.com"));
        assertEquals(DeliveryState.FAILED, stateOf(sent, "gone@example.org"));
        assertEquals(DeliveryState.DELIVERED, stateOf(sent, "carol@example.org"));
        RecipientDelivery gone = recipients(sent).get(1);
        assertEquals("550 5.1.1 no such user", gone.reply());
        assertEquals("mx.example.net", gone.host());
        assertEquals(1, gone.attempts());
        Suppression suppressed = fixture.store.suppressions().find(acme, "gone@example.org").orElseThrow();
        assertEquals(SuppressionType.BOUNCE, suppressed.type());
        assertEquals(sender.podId(), suppressed.podOrNull());
        assertTrue(fixture.store.suppressions().find(acme, "bob@example.com").isEmpty());
        MailEvent delivered = fixture.store.events().ofAccount(acme, 100).stream().map(LoggedEvent::event)
                .filter(event -> event.type() == EventType.MESSAGE_DELIVERED).findFirst().orElseThrow();
        assertEquals(List.of(DeliveryState.DELIVERED, DeliveryState.FAILED, DeliveryState.DELIVERED),
                delivered.message().delivery().stream().map(RecipientDelivery::state).toList());
        assertTrue(fixture.outbox().isEmpty());
    }

    @Test
    void aDeferredRecipientIsRetriedAloneWhileTheOthersStayDelivered() {
        relay.answerFor("slow@example.org", Outcome.UNAVAILABLE);
        SendMail.Sent sent = sendTo("k1", "bob@example.com", "slow@example.org");
        DeliverOutboxService deliverer = fixture.deliverer(RETRY);

        assertEquals(0, deliverer.deliverDue());
        OutboxEntry waiting = entry(sent).orElseThrow();
        assertEquals(List.of("slow@example.org"), waiting.recipients());
        assertEquals(1, waiting.attempts());
        assertEquals(DeliveryState.DELIVERED, stateOf(sent, "bob@example.com"));
        assertEquals(DeliveryState.DEFERRED, stateOf(sent, "slow@example.org"));
        assertEquals(MessageStatus.PENDING, status(sent));

        relay.answerFor("slow@example.org", Outcome.ACCEPT);
        fixture.clock.set(waiting.nextAttemptAt());
        assertEquals(1, deliverer.deliverDue());

        assertEquals(List.of("slow@example.org"), relay.calls().get(1).recipients(), "bob is not sent twice");
        assertEquals(DeliveryState.DELIVERED, stateOf(sent, "slow@example.org"));
        assertEquals(2, recipients(sent).get(1).attempts());
        assertEquals(MessageStatus.SENT, status(sent));
        assertTrue(fixture.outbox().isEmpty());
    }

    @Test
    void everyRecipientFailingFailsTheMessageWithEachState() {
        relay.answer(Outcome.REFUSED);
        SendMail.Sent sent = sendTo("k1", "a@example.com", "b@example.org");

        assertEquals(0, fixture.deliverer(RETRY).deliverDue());

        assertEquals(MessageStatus.FAILED, status(sent));
        MailEvent failed = fixture.store.events().ofAccount(acme, 100).stream().map(LoggedEvent::event)
                .filter(event -> event.type() == EventType.MESSAGE_FAILED).findFirst().orElseThrow();
        assertEquals(List.of("a@example.com", "b@example.org"),
                failed.message().delivery().stream().map(RecipientDelivery::address).toList());
    }

    @Test
    void aBusyDestinationIsOfferedAgainSoonWithoutCountingAnAttempt() {
        relay.answer(Outcome.BUSY);
        SendMail.Sent sent = sendTo("k1", "bob@example.com");

        assertEquals(0, fixture.deliverer(RETRY).deliverDue());

        OutboxEntry entry = entry(sent).orElseThrow();
        assertEquals(0, entry.attempts());
        assertEquals(MailFixture.T0.plus(DeliverOutboxService.BUSY_RETRY), entry.nextAttemptAt());
        assertEquals(DeliveryState.QUEUED, stateOf(sent, "bob@example.com"));
        assertEquals(0, recipients(sent).get(0).attempts());
    }

    @Test
    void anEntryQueuedWithoutRecipientRowsGetsThemWhenDelivered() {
        SendMail.Sent sent = sendTo("k1", "bob@example.com");
        // as an entry queued before recipients had rows of their own
        fixture.store.outboundRecipients().removeAll(acme, sent.messageId());

        assertEquals(1, fixture.deliverer(RETRY).deliverDue());

        assertEquals(List.of("bob@example.com"), recipients(sent).stream().map(RecipientDelivery::address).toList());
        assertEquals(DeliveryState.DELIVERED, stateOf(sent, "bob@example.com"));
        assertTrue(relay.calls().get(0).envelopes().get(0).from().startsWith("bounces+"));
    }

    @Test
    void aTransmitterAnsweringTheWrongNumberOfResultsDefersEveryRecipient() {
        SendMail.Sent sent = sendTo("k1", "bob@example.com");
        DeliverOutboxService deliverer = new DeliverOutboxService(fixture.transactions, fixture.store.outbox(),
                fixture.store.mail(), fixture.store.mail(), (raw, envelopes) -> List.of(), fixture.store.events(),
                fixture.store.outboundRecipients(), fixture.store.suppressions(), fixture.clock, RETRY);

        assertEquals(0, deliverer.deliverDue());

        assertEquals(DeliveryState.DEFERRED, stateOf(sent, "bob@example.com"));
        assertTrue(entry(sent).orElseThrow().lastError().contains("0 results for 1 envelopes"),
                entry(sent).orElseThrow().lastError());
    }

    @Test
    void onlyARefusalOfTheAddressItselfSuppressesItAndAHugeReplyIsKeptShort() {
        String huge = "550 5.1.1 " + "x".repeat(5_000);
        DeliverOutboxService deliverer = new DeliverOutboxService(fixture.transactions, fixture.store.outbox(),
                fixture.store.mail(), fixture.store.mail(), (raw, envelopes) -> envelopes.stream().map(envelope ->
                        new TransmitMail.RecipientResult(envelope.to(), TransmitMail.Outcome.FAILED,
                                envelope.to().startsWith("spam") ? "554 5.7.1 message refused as spam"
                                        : envelope.to().startsWith("old") ? "550 no such user here" : huge,
                                "mx.example.net")).toList(),
                fixture.store.events(), fixture.store.outboundRecipients(), fixture.store.suppressions(),
                fixture.clock, RETRY);
        SendMail.Sent sent = sendTo("k1", "gone@example.org", "spam@example.org", "old@example.org");

        assertEquals(0, deliverer.deliverDue());

        assertEquals(MessageStatus.FAILED, status(sent));
        Suppression gone = fixture.store.suppressions().find(acme, "gone@example.org").orElseThrow();
        assertEquals(RecipientDelivery.MAX_REPLY, gone.reasonOrNull().length(), "a 5 KB reply cannot wedge the entry");
        assertTrue(fixture.store.suppressions().find(acme, "spam@example.org").isEmpty(),
                "a refusal of the message is no reason to stop writing to the address");
        assertTrue(fixture.store.suppressions().find(acme, "old@example.org").isEmpty(),
                "without an enhanced code the reply does not say it was the address");
        assertEquals(DeliveryState.FAILED, stateOf(sent, "spam@example.org"));
        assertTrue(fixture.outbox().isEmpty());
    }

    @Test
    void theAddressClassIsReadFromTheEnhancedStatusCode() {
        assertTrue(DeliverOutboxService.addressRefused("550 5.1.1 <a@b>: user unknown"));
        assertTrue(DeliverOutboxService.addressRefused("550-5.1.10 null MX"));
        assertTrue(!DeliverOutboxService.addressRefused("550 5.7.1 spam"));
        assertTrue(!DeliverOutboxService.addressRefused("451 4.1.1 try later"));
        assertTrue(!DeliverOutboxService.addressRefused("550 5.1."));
        assertTrue(!DeliverOutboxService.addressRefused("5.1.1"));
        assertTrue(!DeliverOutboxService.addressRefused(""));
    }

    @Test
    void aWorkerWhoseLeaseRanOutAndWasTakenOverWritesNothingOfWhatItDid() {
        SendMail.Sent sent = sendTo("k1", "bob@example.com");
        DeliverOutboxService other = fixture.deliverer(RETRY);
        List<OutboxEntry> takenOver = new ArrayList<>();
        DeliverOutboxService slow = new DeliverOutboxService(fixture.transactions, fixture.store.outbox(),
                fixture.store.mail(), fixture.store.mail(), (raw, envelopes) -> {
                    // the delivery outlasts the lease, and another process claims the entry meanwhile
                    fixture.clock.set(fixture.clock.instant().plus(RETRY.lease()).plusSeconds(1));
                    takenOver.addAll(other.claimDue(10));
                    return envelopes.stream().map(envelope -> new TransmitMail.RecipientResult(envelope.to(),
                            TransmitMail.Outcome.FAILED, "550 5.1.1 no such user", "mx.example.net")).toList();
                }, fixture.store.events(), fixture.store.outboundRecipients(), fixture.store.suppressions(),
                fixture.clock, RETRY);

        List<OutboxEntry> mine = slow.claimDue(10);
        assertEquals(1, mine.size());
        assertEquals(false, slow.deliver(mine.get(0)));

        assertEquals(1, takenOver.size());
        assertEquals(DeliveryState.QUEUED, stateOf(sent, "bob@example.com"), "the late worker wrote nothing");
        assertTrue(fixture.store.suppressions().find(acme, "bob@example.com").isEmpty());
        assertEquals(MessageStatus.PENDING, status(sent));
        assertTrue(other.deliver(takenOver.get(0)), "the claim that holds the entry finishes it");
        assertEquals(MessageStatus.SENT, status(sent));
        assertEquals(DeliveryState.DELIVERED, stateOf(sent, "bob@example.com"));
    }

    @Test
    void anAddressTooLongForTheSuppressionListStillGetsItsResultWritten() {
        String longAddress = "a".repeat(64) + "@" + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60)
                + ".example.org";
        relay.answerFor(longAddress, Outcome.REFUSED);
        SendMail.Sent sent = sendTo("k1", "bob@example.com");
        // sends refuse such an address; an entry queued before recipients had rows of their own may still hold one
        fixture.store.outboundRecipients().removeAll(acme, sent.messageId());
        OutboxEntry queued = entry(sent).orElseThrow();
        fixture.store.outbox().reschedule(new OutboxEntry(acme, sent.messageId(), queued.envelopeFrom(),
                List.of(longAddress), 0, queued.nextAttemptAt(), null));

        assertEquals(0, fixture.deliverer(RETRY).deliverDue());

        assertEquals(DeliveryState.FAILED, stateOf(sent, longAddress));
        assertEquals(MessageStatus.FAILED, status(sent));
        assertTrue(fixture.outbox().isEmpty());
    }
}
