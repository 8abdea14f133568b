package dev.openmail.application.contract;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.SendLimitOverrides;
import dev.openmail.domain.port.out.AccountSendLimits;
import dev.openmail.domain.port.out.ColdSendCounters;
import dev.openmail.domain.port.out.Correspondents;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every store of correspondents, cold-send counts and send-limit overrides must do, in memory and on the databases. */
public abstract class ColdOutreachContract {

    private static final long DAY = 86_400_000;

    protected abstract Ports ports();

    public record Ports(Transactions transactions, SaveAccount saveAccount, SavePod savePod, SaveInbox saveInbox,
                        SaveMail saveMail, Correspondents correspondents, ColdSendCounters counters,
                        AccountSendLimits limits) {
    }

    private Ports p;
    private AccountId account;
    private Inbox inbox;
    private Inbox sibling;
    private Inbox stranger;

    @BeforeEach
    void openAccounts() {
        p = ports();
        SendingFixture rows = new SendingFixture(p.saveAccount(), p.savePod(), p.saveInbox(), p.saveMail());
        p.transactions().inTransaction(() -> {
            SendingFixture.Opened owner = rows.openAccount();
            account = owner.id();
            inbox = rows.insertInbox(owner);
            sibling = rows.insertInbox(owner);
            stranger = rows.insertInbox(rows.openAccount());
        });
    }

    private boolean inTransaction(BooleanSupplier work) {
        return p.transactions().inTransaction(work::getAsBoolean);
    }

    private boolean countForInbox(Inbox of, long day, int sends, int cap) {
        return inTransaction(() -> p.counters().tryCountForInbox(of.accountId(), of.id(), day, sends, cap));
    }

    private boolean countForAccount(AccountId of, long day, int sends, int cap) {
        return inTransaction(() -> p.counters().tryCountForAccount(of, day, sends, cap));
    }

    @Test
    void aCorrespondentIsKeptOncePerInbox() {
        p.transactions().inTransaction(() -> {
            p.correspondents().record(account, inbox.id(), "alice@example.com");
            p.correspondents().record(account, inbox.id(), "alice@example.com");
            p.correspondents().record(account, sibling.id(), "bob@example.com");
        });
        Set<String> warm = p.transactions().inTransaction(() -> p.correspondents().warmAmong(account, inbox.id(),
                List.of("alice@example.com", "bob@example.com", "ALICE@example.com", "carol@example.com")));
        assertEquals(Set.of("alice@example.com"), warm, "exact, per inbox");
        assertEquals(Set.of(), p.transactions().inTransaction(() -> p.correspondents().warmAmong(stranger.accountId(),
                stranger.id(), List.of("alice@example.com"))));
    }

    @Test
    void aCorrespondentIsTakenBackWithItsTransaction() {
        assertThrows(IllegalStateException.class, () -> p.transactions().inTransaction(() -> {
            p.correspondents().record(account, inbox.id(), "gone@example.com");
            throw new IllegalStateException("the message failed");
        }));
        assertEquals(Set.of(), p.transactions().inTransaction(() -> p.correspondents().warmAmong(account, inbox.id(),
                List.of("gone@example.com"))));
    }

    @Test
    void manyAddressesAreAskedAboutAtOnce() {
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            asked.add("someone" + i + "@example.com");
        }
        p.transactions().inTransaction(() -> p.correspondents().record(account, inbox.id(), "someone1100@example.com"));
        assertEquals(Set.of("someone1100@example.com"), p.transactions().inTransaction(
                () -> p.correspondents().warmAmong(account, inbox.id(), asked)));
    }

    @Test
    void aDayTakesSeveralAtOnceUpToItsCapAndNeverPart() {
        assertTrue(countForInbox(inbox, 0, 3, 5));
        assertFalse(countForInbox(inbox, 0, 3, 5), "3 more would pass 5: none is counted");
        assertTrue(countForInbox(inbox, 0, 2, 5), "the 2 left are still there");
        assertFalse(countForInbox(inbox, 0, 1, 5));
        assertFalse(countForInbox(sibling, 0, 6, 5), "more than the cap in one go, on a day not begun");
        assertTrue(countForInbox(sibling, 0, 5, 5), "and it counted none of them");
    }

    @Test
    void theAccountCountIsApartFromItsInboxesAndFromOtherAccounts() {
        assertTrue(countForAccount(account, 0, 4, 4));
        assertFalse(countForAccount(account, 0, 1, 4));
        assertTrue(countForInbox(inbox, 0, 4, 4), "the inbox's count is its own");
        assertTrue(countForAccount(stranger.accountId(), 0, 4, 4));
    }

    @Test
    void theNextDayStartsEmpty() {
        assertTrue(countForInbox(inbox, 0, 2, 2));
        assertTrue(countForAccount(account, 0, 2, 2));
        assertTrue(countForInbox(inbox, DAY, 2, 2));
        assertTrue(countForAccount(account, DAY, 2, 2));
        assertFalse(countForInbox(inbox, DAY, 1, 2));
    }

    @Test
    void aCountIsTakenBackWithItsTransaction() {
        assertThrows(IllegalStateException.class, () -> p.transactions().inTransaction(() -> {
            p.counters().tryCountForAccount(account, 0, 3, 3);
            throw new IllegalStateException("the send failed");
        }));
        assertTrue(countForAccount(account, 0, 3, 3));
    }

    @Test
    void concurrentSendsNeverPassTheCap() throws Exception {
        int senders = 8;
        CyclicBarrier start = new CyclicBarrier(senders);
        ExecutorService threads = Executors.newFixedThreadPool(senders);
        try {
            List<Future<Integer>> counted = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                counted.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    int taken = 0;
                    for (int n = 0; n < 5; n++) {
                        // each send has 2 cold recipients, counted in the inbox's and the account's day at once
                        try {
                            p.transactions().inTransaction(() -> {
                                if (!p.counters().tryCountForInbox(account, inbox.id(), 3 * DAY, 2, 100)) {
                                    throw new AssertionError("the inbox's cap is out of reach");
                                }
                                if (!p.counters().tryCountForAccount(account, 3 * DAY, 2, 15)) {
                                    throw new IllegalStateException("over the account's cap");
                                }
                                return null;
                            });
                            taken += 2;
                        } catch (IllegalStateException refused) {
                            // refused whole: the transaction took the inbox's count back
                        }
                    }
                    return taken;
                }));
            }
            int total = 0;
            for (Future<Integer> taken : counted) {
                total += taken.get(60, TimeUnit.SECONDS);
            }
            assertEquals(14, total, "7 sends of 2 fit under 15");
            assertFalse(countForAccount(account, 3 * DAY, 2, 15), "the day holds at least 14");
            assertTrue(countForAccount(account, 3 * DAY, 1, 15), "and no more than 14");
            assertFalse(countForInbox(inbox, 3 * DAY, 100 - 13, 100));
            assertTrue(countForInbox(inbox, 3 * DAY, 100 - 14, 100),
                    "the inbox's counts of the refused sends were taken back with them");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void overridesAreKeptPerAccountAndRemoved() {
        assertEquals(SendLimitOverrides.NONE, p.transactions().inTransaction(() -> p.limits().find(account)));
        SendLimitOverrides some = new SendLimitOverrides(null, 0, 25, null, 1000);
        p.transactions().inTransaction(() -> p.limits().save(account, some));
        assertEquals(some, p.transactions().inTransaction(() -> p.limits().find(account)));
        assertEquals(SendLimitOverrides.NONE, p.transactions().inTransaction(
                () -> p.limits().find(stranger.accountId())));
        SendLimitOverrides other = new SendLimitOverrides(5, null, null, null, null);
        p.transactions().inTransaction(() -> p.limits().save(account, other));
        assertEquals(other, p.transactions().inTransaction(() -> p.limits().find(account)));
        p.transactions().inTransaction(() -> p.limits().save(account, SendLimitOverrides.NONE));
        assertEquals(SendLimitOverrides.NONE, p.transactions().inTransaction(() -> p.limits().find(account)));
    }
}
