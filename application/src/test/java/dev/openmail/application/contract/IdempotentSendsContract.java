package dev.openmail.application.contract;

import dev.openmail.application.contract.SendingFixture.Opened;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.IdempotentSend;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.port.out.IdempotentSends;
import dev.openmail.domain.port.out.IdempotentSends.IdempotencyKeyTakenException;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.openmail.application.contract.SendingFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What every implementation of the idempotent sends must do, run against the in-memory fake and the databases. Each
 * test opens accounts and inboxes of its own, so keys never collide across tests sharing a database. Times are whole
 * milliseconds.
 */
public abstract class IdempotentSendsContract {

    private static final Duration KEPT = IdempotentSend.KEPT;
    private static final Random RANDOM = new Random(7);

    protected abstract Ports ports();

    public record Ports(Transactions transactions, SaveAccount saveAccount, SavePod savePod, SaveInbox saveInbox,
                        SaveMail saveMail, IdempotentSends sends) {
    }

    private Ports p;
    private SendingFixture rows;

    @BeforeEach
    void obtainPorts() {
        p = ports();
        rows = new SendingFixture(p.saveAccount(), p.savePod(), p.saveInbox(), p.saveMail());
    }

    // ---- find

    @Test
    void aSendIsFoundFromItsCreationOn() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        IdempotentSend send = send(inbox, "order-42", rows.insertMessage(inbox), T0.plusMillis(5));

        p.sends().insert(send, T0.minus(KEPT));

        assertEquals(Optional.of(send), find(inbox, "order-42", T0));
        assertEquals(Optional.of(send), find(inbox, "order-42", T0.plusMillis(5)));
        assertEquals(Optional.empty(), find(inbox, "order-42", T0.plusMillis(6)));
    }

    /** A key is the account's, whichever of its inboxes sent under it; another account's same key is its own. */
    @Test
    void aKeyBelongsToTheAccountWhicheverOfItsInboxesSentUnderIt() {
        Opened acme = rows.openAccount();
        Opened globex = rows.openAccount();
        Inbox sales = rows.insertInbox(acme);
        Inbox support = rows.insertInbox(acme);
        Inbox theirs = rows.insertInbox(globex);
        IdempotentSend send = send(sales, "Key-1", rows.insertMessage(sales), T0);
        p.sends().insert(send, T0.minus(KEPT));

        assertEquals(Optional.of(send), p.sends().find(acme.id(), "Key-1", T0));
        assertEquals(Optional.empty(), p.sends().find(globex.id(), "Key-1", T0));
        // A collation ignoring case or trailing spaces would take these for the key.
        for (String near : List.of("key-1", "KEY-1", "Key-1 ", "Key-", "")) {
            assertEquals(Optional.empty(), find(sales, near, T0), near);
        }

        // Another inbox of the account cannot take the key; an inbox of another account can.
        IdempotentSend fromSupport = send(support, "Key-1", rows.insertMessage(support), T0.plusMillis(1));
        assertThrows(IdempotencyKeyTakenException.class, () -> p.sends().insert(fromSupport, T0.minus(KEPT)));
        IdempotentSend inTheirs = send(theirs, "Key-1", rows.insertMessage(theirs), T0);
        p.sends().insert(inTheirs, T0.minus(KEPT));
        assertEquals(Optional.of(send), find(support, "Key-1", T0));
        assertEquals(Optional.of(inTheirs), find(theirs, "Key-1", T0));
    }

    // ---- insert

    @Test
    void aCurrentHolderKeepsTheKey() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        IdempotentSend holder = send(inbox, "k", rows.insertMessage(inbox), T0);
        p.sends().insert(holder, T0.minus(KEPT));
        IdempotentSend twin = send(inbox, "k", rows.insertMessage(inbox), T0.plusMillis(1));

        assertThrows(IdempotencyKeyTakenException.class, () -> p.sends().insert(twin, T0.minus(KEPT)));
        // Not older than the expiry either: created exactly at it is still current.
        assertThrows(IdempotencyKeyTakenException.class, () -> p.sends().insert(twin, T0));

        assertEquals(Optional.of(holder), find(inbox, "k", T0.minus(KEPT)));
    }

    @Test
    void anExpiredHolderGivesWay() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        IdempotentSend expired = send(inbox, "k", rows.insertMessage(inbox), T0);
        p.sends().insert(expired, T0.minus(KEPT));
        Instant aDayLater = T0.plus(KEPT).plusMillis(1);
        IdempotentSend fresh = send(inbox, "k", rows.insertMessage(inbox), aDayLater);

        p.sends().insert(fresh, aDayLater.minus(KEPT));

        assertEquals(Optional.of(fresh), find(inbox, "k", T0.minus(KEPT)));
        // The fresh one holds the key now, against the next request as against any.
        assertThrows(IdempotencyKeyTakenException.class, () -> p.sends().insert(
                send(inbox, "k", rows.insertMessage(inbox), aDayLater.plusMillis(1)), aDayLater.minus(KEPT)));
        assertEquals(Optional.of(fresh), find(inbox, "k", T0.minus(KEPT)));
    }

    /**
     * Concurrent requests under one key, from two inboxes of one account: one wins, every other is told the key is taken
     * and can replay the winner.
     */
    @Test
    void ofConcurrentInsertsUnderOneKeyExactlyOneWins() throws Exception {
        int requests = 4;
        Opened account = rows.openAccount();
        Inbox inbox = rows.insertInbox(account);
        Inbox other = rows.insertInbox(account);
        List<IdempotentSend> sends = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            Inbox from = i % 2 == 0 ? inbox : other;
            sends.add(send(from, "same", rows.insertMessage(from), T0));
        }
        CyclicBarrier start = new CyclicBarrier(requests);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<IdempotentSend>> results = new ArrayList<>();
            for (IdempotentSend send : sends) {
                results.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    p.transactions().inTransaction(() -> p.sends().insert(send, T0.minus(KEPT)));
                    return send;
                }));
            }
            List<IdempotentSend> winners = new ArrayList<>();
            for (Future<IdempotentSend> result : results) {
                try {
                    winners.add(result.get(120, TimeUnit.SECONDS));
                } catch (ExecutionException refused) {
                    assertInstanceOf(IdempotencyKeyTakenException.class, refused.getCause());
                }
            }
            assertEquals(1, winners.size(), winners::toString);
            assertEquals(Optional.of(winners.get(0)), find(inbox, "same", T0));
        } finally {
            pool.shutdownNow();
        }
    }

    /** A missing inbox or message is a broken reference, not a key someone else holds. */
    @Test
    void aSendNeedsItsInboxAndItsMessage() {
        Opened acme = rows.openAccount();
        Inbox inbox = rows.insertInbox(acme);
        Message message = rows.insertMessage(inbox);
        List<IdempotentSend> broken = List.of(
                new IdempotentSend(acme.id(), inbox.id(), "k", fingerprint(), MessageId.generate(), T0),
                new IdempotentSend(acme.id(), InboxId.generate(), "k", fingerprint(), message.id(), T0),
                new IdempotentSend(rows.openAccount().id(), inbox.id(), "k", fingerprint(), message.id(), T0));

        for (IdempotentSend send : broken) {
            RuntimeException refused = assertThrows(RuntimeException.class,
                    () -> p.sends().insert(send, T0.minus(KEPT)));
            assertFalse(refused instanceof IdempotencyKeyTakenException, refused::toString);
        }
        assertEquals(Optional.empty(), find(inbox, "k", T0.minus(KEPT)));
    }

    /** The key column is ASCII and blind to trailing spaces; the fingerprint column holds a hex SHA-256. */
    @Test
    void whatTheColumnsCouldNotHoldExactlyIsRefusedAndFoundNowhere() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        Message message = rows.insertMessage(inbox);
        String longest = "k".repeat(IdempotentSend.MAX_KEY_LENGTH);
        for (String key : List.of(longest + "k", "with space", "trailing ", "caf\u00e9", "tab\t", "\uD83D\uDE80")) {
            assertThrows(IllegalArgumentException.class,
                    () -> p.sends().insert(send(inbox, key, message, T0), T0.minus(KEPT)), key);
            assertEquals(Optional.empty(), find(inbox, key, T0.minus(KEPT)), key);
        }
        for (String fingerprint : List.of(fingerprint().toUpperCase(Locale.ROOT), "abc",
                fingerprint() + "0", fingerprint().substring(1) + " ")) {
            assertThrows(IllegalArgumentException.class, () -> p.sends().insert(new IdempotentSend(
                    inbox.accountId(), inbox.id(), "k", fingerprint, message.id(), T0), T0.minus(KEPT)), fingerprint);
        }
        assertEquals(Optional.empty(), find(inbox, "k", T0.minus(KEPT)));

        IdempotentSend visible = send(inbox, longest, message, T0);
        p.sends().insert(visible, T0.minus(KEPT));
        assertEquals(Optional.of(visible), find(inbox, longest, T0.minus(KEPT)));
    }

    // ---- what sends belong to

    @Test
    void sendsGoWithTheirInboxAndWithTheirMessage() {
        Opened acme = rows.openAccount();
        Inbox doomed = rows.insertInbox(acme);
        Inbox kept = rows.insertInbox(acme);
        Inbox messagesGo = rows.insertInbox(acme);
        p.sends().insert(send(doomed, "from-doomed", rows.insertMessage(doomed), T0), T0.minus(KEPT));
        // Made from the kept inbox, but naming a message of an inbox about to go.
        p.sends().insert(send(kept, "names-gone-message", rows.insertMessage(messagesGo), T0), T0.minus(KEPT));
        IdempotentSend survivor = send(kept, "survivor", rows.insertMessage(kept), T0);
        p.sends().insert(survivor, T0.minus(KEPT));

        p.saveInbox().remove(doomed);
        p.saveInbox().remove(messagesGo);

        assertEquals(Optional.empty(), find(doomed, "from-doomed", T0.minus(KEPT)));
        assertEquals(Optional.empty(), find(kept, "names-gone-message", T0.minus(KEPT)));
        assertEquals(Optional.of(survivor), find(kept, "survivor", T0.minus(KEPT)));
    }

    // ---- transactions

    @Test
    void aTransactionWhoseWorkThrowsTakesBackTheSendsItInserted() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        IdempotentSend expired = send(inbox, "replaced", rows.insertMessage(inbox), T0);
        p.sends().insert(expired, T0.minus(KEPT));
        Instant later = T0.plus(KEPT).plusSeconds(1);
        IdempotentSend fresh = send(inbox, "fresh", rows.insertMessage(inbox), later);
        IdempotentSend replacement = send(inbox, "replaced", rows.insertMessage(inbox), later);
        IllegalStateException failure = new IllegalStateException("the work failed after its writes");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> p.transactions()
                .inTransaction(() -> {
                    p.sends().insert(fresh, later.minus(KEPT));
                    p.sends().insert(replacement, later.minus(KEPT));
                    throw failure;
                }));

        assertSame(failure, thrown);
        assertEquals(Optional.empty(), find(inbox, "fresh", T0.minus(KEPT)));
        assertEquals(Optional.of(expired), find(inbox, "replaced", T0.minus(KEPT)));
    }

    /** SendMailService lets a taken key end its transaction: nothing it wrote before stays. */
    @Test
    void aTakenKeyRollsBackTheTransactionItEnds() {
        Inbox inbox = rows.insertInbox(rows.openAccount());
        IdempotentSend holder = send(inbox, "held", rows.insertMessage(inbox), T0);
        p.sends().insert(holder, T0.minus(KEPT));
        IdempotentSend before = send(inbox, "before", rows.insertMessage(inbox), T0);
        IdempotentSend twin = send(inbox, "held", rows.insertMessage(inbox), T0);

        assertThrows(IdempotencyKeyTakenException.class, () -> p.transactions().inTransaction(() -> {
            p.sends().insert(before, T0.minus(KEPT));
            p.sends().insert(twin, T0.minus(KEPT));
        }));

        assertEquals(Optional.empty(), find(inbox, "before", T0.minus(KEPT)));
        assertEquals(Optional.of(holder), find(inbox, "held", T0.minus(KEPT)));
    }

    // ---- helpers

    private Optional<IdempotentSend> find(Inbox inbox, String key, Instant notBefore) {
        return p.sends().find(inbox.accountId(), key, notBefore);
    }

    private static IdempotentSend send(Inbox inbox, String key, Message message, Instant createdAt) {
        return new IdempotentSend(inbox.accountId(), inbox.id(), key, fingerprint(), message.id(), createdAt);
    }

    /** A lower-case hex SHA-256 shape, as OutgoingMail.fingerprint gives; a different one each call. */
    private static String fingerprint() {
        byte[] bytes = new byte[32];
        synchronized (RANDOM) {
            RANDOM.nextBytes(bytes);
        }
        return HexFormat.of().formatHex(bytes);
    }
}
