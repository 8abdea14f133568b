package dev.openmail.application.contract;

import dev.openmail.application.contract.SendingFixture.Opened;
import dev.openmail.domain.event.EventAttachment;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.LoggedEvent;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.event.MessageSnapshot;
import dev.openmail.domain.delivery.DeliveryState;
import dev.openmail.domain.delivery.RecipientDelivery;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.AuthResult;
import dev.openmail.domain.mail.Authentication;
import dev.openmail.domain.mail.SpamVerdict;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.port.out.ExpireEvents;
import dev.openmail.domain.port.out.LoadEvents;
import dev.openmail.domain.port.out.RecordEvents;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every implementation of the event log must do, run against the in-memory fake and the databases. A database
 * is shared by all tests and by earlier runs, so a test reads the whole log only after the position it saw last, and
 * expires only events from before {@link #LONG_AGO}, which no other test writes.
 */
public abstract class EventLogContract {

    private static final String ROCKET = "\uD83D\uDE80";
    private static final Instant LONG_AGO = Instant.parse("1971-01-01T00:00:00Z");
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123Z");

    protected abstract Ports ports();

    public record Ports(Transactions transactions, SaveAccount saveAccount, SavePod savePod, SaveInbox saveInbox,
                        SaveMail saveMail, RecordEvents recordEvents, LoadEvents loadEvents,
                        ExpireEvents expireEvents) {
    }

    private Ports p;
    private SendingFixture rows;

    @BeforeEach
    void setUp() {
        p = ports();
        rows = new SendingFixture(p.saveAccount(), p.savePod(), p.saveInbox(), p.saveMail());
    }

    @Test
    void anEventComesBackAsItWasRecorded() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        MessageId messageId = MessageId.generate();
        MailEvent event = new MailEvent(EventId.generate(), EventType.MESSAGE_RECEIVED, inbox.accountId(),
                inbox.podId(), inbox.id(), ThreadId.generate(), messageId, T0,
                new MessageSnapshot("m1@example.com", "Zo\u00eb <zoe@example.com>", inbox.address().value(),
                        List.of("a@example.com", "b" + ROCKET + "@example.com"), "Order 42 " + ROCKET,
                        "Where is it?\r\nThanks", List.of(
                        new EventAttachment("invoice 1.pdf", "application/pdf", 12_345, null, null),
                        new EventAttachment("b\u00fccher " + ROCKET + ".txt", "text/plain", 0, null, null)),
                        T0.minusSeconds(1)));
        MailEvent bare = new MailEvent(EventId.generate(), EventType.MESSAGE_SENT, inbox.accountId(), inbox.podId(),
                inbox.id(), ThreadId.generate(), MessageId.generate(), T0.plusMillis(1),
                new MessageSnapshot(null, "", "", List.of(), "", null, List.of(), T0));

        p.transactions().inTransaction(() -> p.recordEvents().record(List.of(event, bare)));

        assertEquals(List.of(event, bare), events(p.loadEvents().ofAccount(inbox.accountId(), 10)));
    }

    @Test
    void theTrustVerdictsOfAMessageComeBackAsRecorded() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        MailEvent scanned = new MailEvent(EventId.generate(), EventType.MESSAGE_RECEIVED, inbox.accountId(),
                inbox.podId(), inbox.id(), ThreadId.generate(), MessageId.generate(), T0,
                new MessageSnapshot(null, "ceo@example.com", inbox.address().value(), List.of(), "Pay", "now",
                        List.of(), T0, new Authentication(AuthResult.FAIL, AuthResult.NONE, AuthResult.FAIL, true),
                        SpamVerdict.scanned(15.25, "reject", List.of("GTUBE", "MISSING_DATE"))));
        MailEvent unscanned = new MailEvent(EventId.generate(), EventType.MESSAGE_RECEIVED, inbox.accountId(),
                inbox.podId(), inbox.id(), ThreadId.generate(), MessageId.generate(), T0.plusMillis(1),
                new MessageSnapshot(null, "a@example.com", inbox.address().value(), List.of(), "Hi", "there",
                        List.of(), T0, new Authentication(AuthResult.PASS, AuthResult.PASS, AuthResult.PASS),
                        SpamVerdict.unscanned("the scanner did not answer within 2 s")));

        p.transactions().inTransaction(() -> p.recordEvents().record(List.of(scanned, unscanned)));

        assertEquals(List.of(scanned, unscanned), events(p.loadEvents().ofAccount(inbox.accountId(), 10)));
    }

    @Test
    void whatBecameOfEachRecipientComesBackAsRecorded() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        List<RecipientDelivery> delivery = List.of(
                new RecipientDelivery(0, "bob@example.com", "abcdefghijklmnopqrst", DeliveryState.DELIVERED,
                        "250 2.0.0 queued as " + ROCKET, "mx1.example.com", 1, T0),
                new RecipientDelivery(1, "gone@example.org", "bcdefghijklmnopqrstu", DeliveryState.BOUNCED,
                        "5.1.1 smtp;\t550 no such user\r\nbye", "", 2, T0.plusSeconds(3)),
                new RecipientDelivery(2, "local@openmail.test", "", DeliveryState.DELIVERED, "", "", 0, T0));
        MailEvent bounced = new MailEvent(EventId.generate(), EventType.MESSAGE_BOUNCED, inbox.accountId(),
                inbox.podId(), inbox.id(), ThreadId.generate(), MessageId.generate(), T0,
                new MessageSnapshot(null, inbox.address().value(), "bob@example.com", List.of(), "Hi", "there",
                        List.of(), T0, null, null, delivery));

        p.transactions().inTransaction(() -> p.recordEvents().record(List.of(bounced)));

        assertEquals(List.of(bounced), events(p.loadEvents().ofAccount(inbox.accountId(), 10)));
        assertEquals("5.1.1 smtp; 550 no such user  bye",
                events(p.loadEvents().ofAccount(inbox.accountId(), 10)).get(0).message().delivery().get(1).reply());
    }

    @Test
    void anAccountsEventsAreReadInTheOrderWrittenAfterAGivenOne() {
        Opened acme = rows.openAccount();
        Inbox support = rows.insertInbox(acme);
        Inbox sales = rows.insertInbox(acme);
        Inbox theirs = rows.insertInbox(rows.openAccount());
        MailEvent first = event(support, T0);
        MailEvent second = event(sales, T0);
        MailEvent third = event(support, T0.minusSeconds(5));
        p.recordEvents().record(List.of(first, event(theirs, T0)));
        p.recordEvents().record(List.of(second, third));

        assertEquals(List.of(first, second, third), events(p.loadEvents().ofAccount(acme.id(), 10)));
        assertEquals(List.of(second, third), after(acme, first.id(), 10));
        assertEquals(List.of(second), after(acme, first.id(), 1));
        assertEquals(List.of(), after(acme, third.id(), 10));
    }

    @Test
    void readingAfterAnEventTheAccountsLogDoesNotHoldFindsNothing() {
        Opened acme = rows.openAccount();
        Inbox support = rows.insertInbox(acme);
        Inbox theirs = rows.insertInbox(rows.openAccount());
        MailEvent ours = event(support, T0);
        MailEvent notOurs = event(theirs, T0);
        MailEvent expired = event(support, LONG_AGO.minusSeconds(60));
        p.recordEvents().record(List.of(expired, ours, notOurs));
        assertTrue(p.loadEvents().ofAccountAfter(acme.id(), expired.id(), 10).isPresent());
        p.expireEvents().removeOccurredBefore(LONG_AGO, 1000);

        assertTrue(p.loadEvents().ofAccountAfter(acme.id(), notOurs.id(), 10).isEmpty(), "another account's event");
        assertTrue(p.loadEvents().ofAccountAfter(acme.id(), EventId.generate(), 10).isEmpty(), "an unknown event");
        assertTrue(p.loadEvents().ofAccountAfter(acme.id(), expired.id(), 10).isEmpty(), "an event no longer kept");
        assertEquals(List.of(ours), p.loadEvents().ofAccount(acme.id(), 10).stream().map(LoggedEvent::event).toList());
    }

    @Test
    void anAccountsEventsAreFoundByPositionAndItsLatestIsKnown() {
        Opened acme = rows.openAccount();
        Inbox support = rows.insertInbox(acme);
        Opened globex = rows.openAccount();
        Inbox theirs = rows.insertInbox(globex);
        assertTrue(p.loadEvents().lastOfAccount(acme.id()).isEmpty(), "no event yet");
        MailEvent first = event(support, T0);
        MailEvent notOurs = event(theirs, T0);
        MailEvent second = event(support, T0);
        p.recordEvents().record(List.of(first, notOurs, second));
        long firstAt = p.loadEvents().positionOf(acme.id(), first.id()).orElseThrow();

        assertEquals(List.of(second), events(p.loadEvents().ofAccountAfterPosition(acme.id(), firstAt, 10)));
        assertEquals(List.of(first, second), events(p.loadEvents().ofAccountAfterPosition(acme.id(), 0, 10)));
        assertEquals(List.of(first), events(p.loadEvents().ofAccountAfterPosition(acme.id(), 0, 1)));
        assertEquals(second, p.loadEvents().lastOfAccount(acme.id()).orElseThrow().event());
        assertEquals(notOurs, p.loadEvents().lastOfAccount(globex.id()).orElseThrow().event());
        assertTrue(p.loadEvents().positionOf(acme.id(), notOurs.id()).isEmpty(), "another account's event");
        assertTrue(p.loadEvents().positionOf(acme.id(), EventId.generate()).isEmpty(), "an unknown event");
    }

    private List<MailEvent> after(Opened account, EventId after, int limit) {
        return events(p.loadEvents().ofAccountAfter(account.id(), after, limit).orElseThrow());
    }

    @Test
    void theWholeLogIsFollowedByPosition() {
        Inbox one = rows.insertInbox(rows.openAccount());
        Inbox other = rows.insertInbox(rows.openAccount());
        MailEvent seen = event(one, T0);
        p.recordEvents().record(List.of(seen));
        long mark = position(seen);
        MailEvent a = event(other, T0);
        MailEvent b = event(one, T0.minusSeconds(60));
        MailEvent c = event(other, T0);
        p.recordEvents().record(List.of(a, b));
        p.recordEvents().record(List.of(c));

        List<LoggedEvent> tail = p.loadEvents().after(mark, 10);

        assertEquals(List.of(a, b, c), events(tail));
        assertTrue(tail.get(0).position() > mark && tail.get(0).position() < tail.get(1).position()
                && tail.get(1).position() < tail.get(2).position(), "positions grow in the order written: " + tail);
        assertEquals(List.of(a, b), events(p.loadEvents().after(mark, 2)));
        assertEquals(List.of(c), events(p.loadEvents().after(tail.get(1).position(), 10)));
    }

    @Test
    void theLastPositionIsTheGreatestWritten() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        MailEvent first = event(inbox, T0);
        MailEvent second = event(inbox, T0);
        p.recordEvents().record(List.of(first));
        long before = p.loadEvents().lastPosition();
        p.recordEvents().record(List.of(second));

        assertEquals(position(first), before);
        assertEquals(position(second), p.loadEvents().lastPosition());
        assertEquals(List.of(), p.loadEvents().after(p.loadEvents().lastPosition(), 10));
    }

    @Test
    void anEventIdIsWrittenOnce() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        MailEvent event = event(inbox, T0);
        p.recordEvents().record(List.of(event));

        assertThrows(RuntimeException.class, () -> p.recordEvents().record(List.of(event)));
    }

    @Test
    void aRolledBackTransactionLeavesNoEvent() {
        Inbox inbox = rows.insertInbox(rows.openAccount());

        assertThrows(IllegalStateException.class, () -> p.transactions().inTransaction(() -> {
            p.recordEvents().record(List.of(event(inbox, T0)));
            throw new IllegalStateException("the change failed");
        }));

        assertEquals(List.of(), p.loadEvents().ofAccount(inbox.accountId(), 10));
    }

    @Test
    void expiredEventsAreRemovedInBatchesOldestFirst() {
        Opened acme = rows.openAccount();
        Inbox inbox = rows.insertInbox(acme);
        MailEvent oldest = event(inbox, LONG_AGO.minusSeconds(30));
        MailEvent older = event(inbox, LONG_AGO.minusSeconds(20));
        MailEvent old = event(inbox, LONG_AGO.minusSeconds(10));
        MailEvent justKept = event(inbox, LONG_AGO);
        MailEvent recent = event(inbox, T0);
        p.recordEvents().record(List.of(recent, old, justKept, oldest, older));

        assertEquals(2, p.expireEvents().removeOccurredBefore(LONG_AGO, 2));
        assertEquals(List.of(recent, old, justKept), events(p.loadEvents().ofAccount(acme.id(), 10)));
        assertEquals(1, p.expireEvents().removeOccurredBefore(LONG_AGO, 2));
        assertEquals(0, p.expireEvents().removeOccurredBefore(LONG_AGO, 2));
        assertEquals(List.of(recent, justKept), events(p.loadEvents().ofAccount(acme.id(), 10)));
    }

    @Test
    void deletingAnInboxDeletesItsEventsAndAGoneInboxGetsNone() {
        Opened acme = rows.openAccount();
        Inbox doomed = rows.insertInbox(acme);
        Inbox kept = rows.insertInbox(acme);
        MailEvent keptEvent = event(kept, T0);
        p.recordEvents().record(List.of(event(doomed, T0), keptEvent, event(doomed, T0)));

        assertTrue(p.saveInbox().remove(doomed));
        MailEvent late = event(kept, T0);
        p.transactions().inTransaction(() -> p.recordEvents().record(List.of(event(doomed, T0), late)));

        assertEquals(List.of(keptEvent, late), events(p.loadEvents().ofAccount(acme.id(), 10)));
    }

    private long position(MailEvent event) {
        return p.loadEvents().ofAccount(event.accountId(), 1000).stream()
                .filter(logged -> logged.event().equals(event)).findFirst().orElseThrow().position();
    }

    private static MailEvent event(Inbox inbox, Instant occurredAt) {
        MessageId messageId = MessageId.generate();
        return new MailEvent(EventId.generate(), EventType.MESSAGE_RECEIVED, inbox.accountId(), inbox.podId(),
                inbox.id(), ThreadId.generate(), messageId, occurredAt,
                new MessageSnapshot(null, "alice@example.com", inbox.address().value(), List.of(), "Hi", "Hello",
                        List.of(new EventAttachment("a.txt", "text/plain", 3, null, null)), occurredAt));
    }

    private static List<MailEvent> events(List<LoggedEvent> logged) {
        return logged.stream().map(LoggedEvent::event).toList();
    }
}
