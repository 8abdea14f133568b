package dev.openmail.application.contract;

import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.SendCounters;
import dev.openmail.domain.port.out.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every store of send counts must do, on the in-memory fake and the databases. */
public abstract class SendCountersContract {

    private static final long MINUTE = 60_000;

    protected abstract Ports ports();

    public record Ports(Transactions transactions, SaveAccount saveAccount, SavePod savePod, SaveInbox saveInbox,
                        SaveMail saveMail, SendCounters counters) {
    }

    private Ports p;
    private Inbox inbox;
    private Inbox sibling;

    @BeforeEach
    void openAnInbox() {
        p = ports();
        SendingFixture rows = new SendingFixture(p.saveAccount(), p.savePod(), p.saveInbox(), p.saveMail());
        p.transactions().inTransaction(() -> {
            SendingFixture.Opened owner = rows.openAccount();
            inbox = rows.insertInbox(owner);
            sibling = rows.insertInbox(owner);
        });
    }

    private boolean count(Inbox of, String window, long start, int cap) {
        return p.transactions().inTransaction(() -> p.counters().tryCount(of.accountId(), of.id(), window, start, cap));
    }

    @Test
    void aWindowTakesUpToItsCapAndEachInboxAndKindHasItsOwn() {
        for (int i = 0; i < 3; i++) {
            assertTrue(count(inbox, "minute", 0, 3), "send " + (i + 1));
        }
        assertFalse(count(inbox, "minute", 0, 3), "the fourth in the window");
        assertTrue(count(sibling, "minute", 0, 3), "another inbox counts apart");
        assertTrue(count(inbox, "day", 0, 3), "another kind of window counts apart");
    }

    @Test
    void theNextWindowStartsEmpty() {
        assertTrue(count(inbox, "minute", 0, 1));
        assertFalse(count(inbox, "minute", 0, 1));

        assertTrue(count(inbox, "minute", MINUTE, 1));
        assertFalse(count(inbox, "minute", MINUTE, 1));
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
                        taken += count(inbox, "minute", 2 * MINUTE, 7) ? 1 : 0;
                    }
                    return taken;
                }));
            }
            int total = 0;
            for (Future<Integer> taken : counted) {
                total += taken.get(60, TimeUnit.SECONDS);
            }
            assertEquals(7, total, "of 40 sends at once, exactly the cap's 7 are counted");
        } finally {
            threads.shutdownNow();
        }
    }
}
