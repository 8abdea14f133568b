package dev.openmail.application.contract;

import dev.openmail.application.contract.SendingFixture.Opened;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.OutboxEntry;
import dev.openmail.domain.delivery.BounceAddress;
import dev.openmail.domain.delivery.DeliveryState;
import dev.openmail.domain.delivery.RecipientDelivery;
import dev.openmail.domain.port.out.OutboundRecipients;
import dev.openmail.domain.port.out.Outbox;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.openmail.application.contract.SendingFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What every implementation of the outbox must do, run against the in-memory fake and the databases.
 *
 * <p>Claiming reads the whole queue, across accounts, and a database is shared by all tests and by earlier runs. So
 * before each test every entry already due is claimed for centuries (at {@link #CLAIMED_BEFORE}, far past any time a
 * test uses): to the tests, those entries are held by another worker, and the only entries a test can claim are its
 * own. Times are whole milliseconds.
 */
public abstract class OutboxContract {

    private static final String ROCKET = "\uD83D\uDE80";
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Instant CLAIMED_BEFORE = Instant.parse("3000-01-01T00:00:00Z");
    private static final Duration CENTURIES = Duration.ofDays(365L * 500);

    protected abstract Ports ports();

    public record Ports(Transactions transactions, SaveAccount saveAccount, SavePod savePod, SaveInbox saveInbox,
                        SaveMail saveMail, Outbox outbox, OutboundRecipients recipients) {
    }

    private Ports p;
    private SendingFixture rows;

    @BeforeEach
    void claimEveryEntryAlreadyDue() {
        p = ports();
        rows = new SendingFixture(p.saveAccount(), p.savePod(), p.saveInbox(), p.saveMail());
        for (int round = 0; !p.outbox().claimDue(CLAIMED_BEFORE, CENTURIES, 500).isEmpty(); round++) {
            if (round == 1000) {
                fail("entries already due keep coming back after being claimed for centuries");
            }
        }
    }

    // ---- round trips

    @Test
    void entriesComeBackAsTheyWereEnqueued() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        OutboxEntry several = new OutboxEntry(inbox.accountId(), rows.insertMessage(inbox).id(),
                inbox.address().value(), List.of("a@example.com", "Zo\u00eb." + ROCKET + "@b\u00fccher.example",
                "a@example.com", ""), 0, T0, null);
        OutboxEntry retried = new OutboxEntry(inbox.accountId(), rows.insertMessage(inbox).id(),
                "bounce+" + ROCKET + "@example.com", List.of("one@example.com"), 3, T0.plusMillis(1),
                "421 4.7.0 Try again later\r\nsecond line " + ROCKET);
        OutboxEntry none = new OutboxEntry(inbox.accountId(), rows.insertMessage(inbox).id(), "", List.of(), 0,
                T0.plusMillis(2), "");
        for (OutboxEntry entry : List.of(retried, none, several)) {
            p.outbox().enqueue(entry);
        }

        assertEquals(List.of(several, retried, none), p.outbox().claimDue(T0.plusMillis(2), LEASE, 10));
    }

    /** The relay's worker reschedules what it claimed; only the attempt bookkeeping is its to change. */
    @Test
    void rescheduleStoresThePendingRecipientsTheAttemptsTheNextTimeAndTheErrorAndEndsTheClaim() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        OutboxEntry entry = OutboxEntry.first(inbox.accountId(), rows.insertMessage(inbox).id(),
                inbox.address().value(), List.of("x@example.com", "y@example.com"), T0);
        p.outbox().enqueue(entry);
        assertEquals(List.of(entry), p.outbox().claimDue(T0, LEASE, 10));
        assertEquals(List.of(), p.outbox().claimDue(T0, LEASE, 10));
        Instant later = T0.plusSeconds(60);

        p.outbox().reschedule(new OutboxEntry(entry.accountId(), entry.messageId(), "other@example.com",
                List.of("z@example.com"), 1, later, "451 busy " + ROCKET));

        // the envelope sender stays; the recipients are those still pending
        OutboxEntry expected = new OutboxEntry(entry.accountId(), entry.messageId(), entry.envelopeFrom(),
                List.of("z@example.com"), 1, later, "451 busy " + ROCKET);
        assertEquals(List.of(), p.outbox().claimDue(later.minusMillis(1), LEASE, 10));
        // Due at its new time although its old claim would still run: rescheduling ended it.
        assertEquals(List.of(expected), p.outbox().claimDue(later, LEASE, 10));

        p.outbox().reschedule(new OutboxEntry(entry.accountId(), entry.messageId(), entry.envelopeFrom(),
                entry.recipients(), 2, later, null));
        OutboxEntry cleared = p.outbox().claimDue(later, LEASE, 10).get(0);
        assertEquals(2, cleared.attempts());
        assertNull(cleared.lastError());
    }

    @Test
    void aRemovedEntryIsNeverClaimed() {
        Opened acme = rows.openAccount();
        Opened globex = rows.openAccount();
        Inbox inbox = rows.insertInbox(acme);
        OutboxEntry removed = enqueue(inbox, T0);
        OutboxEntry kept = enqueue(inbox, T0);

        p.outbox().remove(acme.id(), removed.messageId());
        // Another account's id, and an id never queued, remove nothing.
        p.outbox().remove(globex.id(), kept.messageId());
        p.outbox().remove(acme.id(), MessageId.generate());

        assertEquals(List.of(kept), p.outbox().claimDue(T0.plus(LEASE), LEASE, 10));
    }

    /** An error is for people to read: a huge one is cut rather than made to fail the reschedule that records it. */
    @Test
    void aHugeErrorIsKeptInPart() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        OutboxEntry entry = enqueue(inbox, T0);
        String huge = ("550 " + ROCKET + " no such user here; ").repeat(5_000);

        p.outbox().reschedule(new OutboxEntry(entry.accountId(), entry.messageId(), entry.envelopeFrom(),
                entry.recipients(), 1, T0, huge));

        String kept = p.outbox().claimDue(T0, LEASE, 10).get(0).lastError();
        assertTrue(kept.length() >= 1_000 && huge.startsWith(kept), () -> "kept " + kept.length() + " characters");
    }

    // ---- what claimDue takes

    @Test
    void claimDueTakesOnlyEntriesDueByNow() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        OutboxEntry before = enqueue(inbox, T0.minusMillis(1));
        OutboxEntry atNow = enqueue(inbox, T0);
        OutboxEntry after = enqueue(inbox, T0.plusMillis(1));

        assertEquals(List.of(before, atNow), p.outbox().claimDue(T0, LEASE, 10));
        assertEquals(List.of(after), p.outbox().claimDue(T0.plusMillis(1), LEASE, 10));
    }

    @Test
    void claimDueTakesTheOldestDueFirstWithTheIdAsTieBreakUpToMax() {
        Opened acme = rows.openAccount();
        Opened globex = rows.openAccount();
        Inbox ours = rows.insertInbox(acme);
        Inbox theirs = rows.insertInbox(globex);
        // Message ids are made in this order and sort in it; the order of enqueueing deliberately disagrees.
        Message a = rows.insertMessage(ours);
        Message b = rows.insertMessage(ours);
        Message c = rows.insertMessage(ours);
        Message older = rows.insertMessage(theirs);
        Message newest = rows.insertMessage(theirs);
        OutboxEntry entryA = entry(a, T0);
        OutboxEntry entryB = entry(b, T0);
        OutboxEntry entryC = entry(c, T0);
        OutboxEntry entryOlder = entry(older, T0.minusSeconds(30));
        OutboxEntry entryNewest = entry(newest, T0.plusSeconds(30));
        for (OutboxEntry entry : List.of(entryNewest, entryC, entryA, entryOlder, entryB)) {
            p.outbox().enqueue(entry);
        }
        Instant now = T0.plusSeconds(60);

        assertEquals(List.of(), p.outbox().claimDue(now, LEASE, 0));
        assertEquals(List.of(entryOlder, entryA), p.outbox().claimDue(now, LEASE, 2));
        assertEquals(List.of(entryB, entryC), p.outbox().claimDue(now, LEASE, 2));
        assertEquals(List.of(entryNewest), p.outbox().claimDue(now, LEASE, 2));
        assertEquals(List.of(), p.outbox().claimDue(now, LEASE, 2));
    }

    @Test
    void aClaimHoldsTheEntryUntilItsLeaseHasPassed() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        OutboxEntry entry = enqueue(inbox, T0);
        Instant claimedAt = T0.plusSeconds(10);
        Instant leaseEnds = claimedAt.plus(LEASE);

        assertEquals(List.of(entry), p.outbox().claimDue(claimedAt, LEASE, 10));

        assertEquals(List.of(), p.outbox().claimDue(claimedAt, LEASE, 10));
        assertEquals(List.of(), p.outbox().claimDue(leaseEnds.minusMillis(1), LEASE, 10));
        assertEquals(List.of(), p.outbox().claimDue(leaseEnds, LEASE, 10));
        // The worker is presumed gone; the entry is taken over, for a lease of the new claimer's own.
        assertEquals(List.of(entry), p.outbox().claimDue(leaseEnds.plusMillis(1), Duration.ofMillis(1), 10));
        assertEquals(List.of(), p.outbox().claimDue(leaseEnds.plusMillis(2), LEASE, 10));
        assertEquals(List.of(entry), p.outbox().claimDue(leaseEnds.plusMillis(3), LEASE, 10));
    }

    // ---- concurrent claimers

    @Test
    void concurrentClaimersInTransactionsTakeEachEntryExactlyOnce() throws Exception {
        assertEachClaimedOnce(true);
    }

    @Test
    void concurrentClaimersWithoutTransactionsTakeEachEntryExactlyOnce() throws Exception {
        assertEachClaimedOnce(false);
    }

    /**
     * Four workers start together and claim small batches from the same 50 due entries until all are taken. Small
     * batches make their candidate lists overlap again and again, so an entry that two claims could both take would
     * be counted twice.
     */
    private void assertEachClaimedOnce(boolean inTransactions) throws Exception {
        int workers = 4;
        int entries = 50;
        Inbox inbox = rows.insertInbox(rows.openAccount());
        Set<MessageId> queued = new HashSet<>();
        for (int i = 0; i < entries; i++) {
            queued.add(enqueue(inbox, T0.plusMillis(i % 7)).messageId());
        }
        Instant now = T0.plusSeconds(1);
        CyclicBarrier start = new CyclicBarrier(workers);
        AtomicInteger claimedSoFar = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<List<OutboxEntry>>> results = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                results.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    List<OutboxEntry> mine = new ArrayList<>();
                    // Bounded, so that an entry no claim can take fails the test instead of hanging it.
                    for (int round = 0; round < 500 && claimedSoFar.get() < entries; round++) {
                        List<OutboxEntry> claimed = inTransactions
                                ? p.transactions().inTransaction(() -> p.outbox().claimDue(now, LEASE, 3))
                                : p.outbox().claimDue(now, LEASE, 3);
                        mine.addAll(claimed);
                        claimedSoFar.addAndGet(claimed.size());
                    }
                    return mine;
                }));
            }
            Map<MessageId, Integer> claims = new HashMap<>();
            for (Future<List<OutboxEntry>> result : results) {
                for (OutboxEntry entry : result.get(120, TimeUnit.SECONDS)) {
                    claims.merge(entry.messageId(), 1, Integer::sum);
                }
            }
            Map<MessageId, Integer> once = new HashMap<>();
            queued.forEach(id -> once.put(id, 1));
            assertEquals(once, claims);
            assertEquals(List.of(), p.outbox().claimDue(now, LEASE, entries));
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- what entries belong to

    @Test
    void entriesGoWithTheirMessagesWhenTheInboxIsRemoved() {
        Opened acme = rows.openAccount();
        Inbox doomed = rows.insertInbox(acme);
        Inbox sibling = rows.insertInbox(acme);
        enqueue(doomed, T0);
        enqueue(doomed, T0);
        OutboxEntry kept = enqueue(sibling, T0);

        assertTrue(p.saveInbox().remove(doomed));

        assertEquals(List.of(kept), p.outbox().claimDue(T0, LEASE, 10));
    }

    @Test
    void anEntryNeedsItsMessageAndAMessageHasOneEntry() {
        Opened acme = rows.openAccount();
        Opened globex = rows.openAccount();
        Inbox inbox = rows.insertInbox(acme);
        OutboxEntry entry = enqueue(inbox, T0);

        assertThrows(RuntimeException.class, () -> p.outbox().enqueue(OutboxEntry.first(acme.id(),
                MessageId.generate(), "a@example.com", List.of("b@example.com"), T0)));
        assertThrows(RuntimeException.class, () -> p.outbox().enqueue(OutboxEntry.first(globex.id(),
                entry.messageId(), "a@example.com", List.of("b@example.com"), T0)));
        assertThrows(RuntimeException.class, () -> p.outbox().enqueue(new OutboxEntry(acme.id(), entry.messageId(),
                "again@example.com", List.of("c@example.com"), 0, T0.minusSeconds(1), null)));

        assertEquals(List.of(entry), p.outbox().claimDue(T0, LEASE, 10));
    }

    /** Recipients are stored one per line: one holding a line break would come back as two. */
    @Test
    void aRecipientHoldingALineBreakIsRefused() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        Message message = rows.insertMessage(inbox);

        assertThrows(IllegalArgumentException.class, () -> p.outbox().enqueue(OutboxEntry.first(inbox.accountId(),
                message.id(), "a@example.com", List.of("b@example.com\nc@example.com"), T0)));

        assertEquals(List.of(), p.outbox().claimDue(T0, LEASE, 10));
    }

    // ---- transactions

    /** The sender enqueues, and the worker claims and removes, inside transactions that may roll back. */
    @Test
    void aTransactionWhoseWorkThrowsTakesBackEnqueuesClaimsReschedulesAndRemovals() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        OutboxEntry claimed = enqueue(inbox, T0);
        OutboxEntry rescheduled = enqueue(inbox, T0);
        OutboxEntry removed = enqueue(inbox, T0);
        OutboxEntry added = OutboxEntry.first(inbox.accountId(), rows.insertMessage(inbox).id(), "a@example.com",
                List.of("b@example.com"), T0);
        IllegalStateException failure = new IllegalStateException("the work failed after its writes");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> p.transactions()
                .inTransaction(() -> {
                    p.outbox().enqueue(added);
                    assertFalse(p.outbox().claimDue(T0, LEASE, 1).isEmpty());
                    p.outbox().reschedule(rescheduled.retryLater("boom", T0, Duration.ofHours(1),
                            Duration.ofHours(1)));
                    p.outbox().remove(removed.accountId(), removed.messageId());
                    throw failure;
                }));

        assertSame(failure, thrown);
        assertEquals(List.of(claimed, rescheduled, removed), p.outbox().claimDue(T0, LEASE, 10));
    }

    // ---- helpers

    /** Queues a new message of the inbox, first attempt due at {@code due}. */
    private OutboxEntry enqueue(Inbox inbox, Instant due) {
        OutboxEntry entry = entry(rows.insertMessage(inbox), due);
        p.outbox().enqueue(entry);
        return entry;
    }

    private static OutboxEntry entry(Message message, Instant due) {
        return OutboxEntry.first(message.accountId(), message.id(), "sender@example.com",
                List.of("to@example.com", "cc@example.com"), due);
    }

    @Test
    void theEndOfAnEntrysClaimIsReadAsItWasSetAndIsGoneOnceTheClaimEnds() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        OutboxEntry entry = OutboxEntry.first(inbox.accountId(), rows.insertMessage(inbox).id(),
                inbox.address().value(), List.of("x@example.com"), T0);
        p.outbox().enqueue(entry);
        assertEquals(java.util.OptionalLong.empty(), p.transactions().inTransaction(() ->
                p.outbox().claimedUntil(entry.accountId(), entry.messageId())), "not claimed yet");

        p.outbox().claimDue(T0, LEASE, 10);

        assertEquals(java.util.OptionalLong.of(T0.toEpochMilli() + LEASE.toMillis()), p.transactions().inTransaction(
                () -> p.outbox().claimedUntil(entry.accountId(), entry.messageId())));
        p.outbox().reschedule(new OutboxEntry(entry.accountId(), entry.messageId(), entry.envelopeFrom(),
                entry.recipients(), 1, T0.plusSeconds(60), "451 later"));
        assertEquals(java.util.OptionalLong.empty(), p.transactions().inTransaction(() ->
                p.outbox().claimedUntil(entry.accountId(), entry.messageId())), "rescheduling ends the claim");
        p.outbox().remove(entry.accountId(), entry.messageId());
        assertEquals(java.util.OptionalLong.empty(), p.transactions().inTransaction(() ->
                p.outbox().claimedUntil(entry.accountId(), entry.messageId())), "gone");
    }

    // ---- the recipients of sent messages

    private static RecipientDelivery recipient(int position, String address, String token, DeliveryState state) {
        return new RecipientDelivery(position, address, token, state, state == DeliveryState.QUEUED ? "" : "250 ok "
                + ROCKET, state == DeliveryState.QUEUED ? "" : "mx.example.net", 0, T0);
    }

    @Test
    void recipientsComeBackInPositionOrderAndUpdatesChangeOnlyTheirRow() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        MessageId sent = rows.insertMessage(inbox).id();
        MessageId other = rows.insertMessage(inbox).id();
        String token = BounceAddress.newToken();
        List<RecipientDelivery> three = List.of(
                recipient(0, "a@example.com", token, DeliveryState.QUEUED),
                recipient(1, "Zo\u00eb." + ROCKET + "@b\u00fccher.example", BounceAddress.newToken(),
                        DeliveryState.QUEUED),
                recipient(2, "local@openmail.test", "", DeliveryState.DELIVERED));
        p.transactions().inTransaction(() -> {
            p.recipients().insert(inbox.accountId(), sent, List.of(three.get(2), three.get(0), three.get(1)));
            p.recipients().insert(inbox.accountId(), other, List.of(recipient(0, "z@example.com",
                    BounceAddress.newToken(), DeliveryState.QUEUED)));
            return null;
        });

        assertEquals(three, p.transactions().inTransaction(() -> p.recipients().of(inbox.accountId(), sent)));
        RecipientDelivery deferred = three.get(0).attempted(DeliveryState.DEFERRED, "451 4.7.1 later\r\nagain",
                "mx1.example.com", T0.plusSeconds(1));
        p.transactions().inTransaction(() -> {
            p.recipients().update(inbox.accountId(), sent, deferred);
            return null;
        });

        List<RecipientDelivery> now = p.transactions().inTransaction(() -> p.recipients().of(inbox.accountId(), sent));
        assertEquals(List.of(deferred, three.get(1), three.get(2)), now);
        assertEquals("451 4.7.1 later  again", now.get(0).reply(), "a reply is kept on one line");
        assertEquals(1, now.get(0).attempts());
        Map<MessageId, List<RecipientDelivery>> both = p.transactions().inTransaction(() ->
                p.recipients().ofMessages(inbox.accountId(), List.of(other, sent, rows.insertMessage(inbox).id())));
        assertEquals(Set.of(sent, other), both.keySet());
        assertEquals(now, both.get(sent));
    }

    @Test
    void aBounceTokenFindsItsMessageAndRecipientAndNothingElse() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        MessageId sent = rows.insertMessage(inbox).id();
        String token = BounceAddress.newToken();
        RecipientDelivery bob = recipient(0, "bob@example.com", token, DeliveryState.DELIVERED);
        p.transactions().inTransaction(() -> {
            p.recipients().insert(inbox.accountId(), sent, List.of(bob,
                    recipient(1, "local@openmail.test", "", DeliveryState.DELIVERED)));
            return null;
        });

        OutboundRecipients.Addressee found = p.transactions().inTransaction(() ->
                p.recipients().findByBounceToken(token)).orElseThrow();
        assertEquals(inbox.accountId(), found.accountId());
        assertEquals(sent, found.messageId());
        assertEquals(bob, found.recipient());
        assertTrue(p.transactions().inTransaction(() -> p.recipients().findByBounceToken(BounceAddress.newToken()))
                .isEmpty());
        assertTrue(p.transactions().inTransaction(() -> p.recipients().findByBounceToken("")).isEmpty(),
                "local recipients have no bounce address");
    }
}
