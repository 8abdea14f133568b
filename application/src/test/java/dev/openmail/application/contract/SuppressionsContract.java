package dev.openmail.application.contract;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.Suppressions;
import dev.openmail.domain.port.out.Transactions;
import dev.openmail.domain.suppression.Suppression;
import dev.openmail.domain.suppression.SuppressionType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every store of suppression lists must do, on the in-memory fake and the databases. */
public abstract class SuppressionsContract {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

    protected abstract Ports ports();

    public record Ports(Transactions transactions, SaveAccount saveAccount, SavePod savePod, Suppressions store) {
    }

    private Ports p;
    private AccountId account;
    private Pod pod;
    private Pod otherPod;

    @BeforeEach
    void openAccount() {
        p = ports();
        Account opened = Account.open(null, new InboxLimit(10), T0);
        account = opened.id();
        pod = Pod.create(account, null, null, T0);
        otherPod = Pod.create(account, null, null, T0);
        p.transactions().inTransaction(() -> {
            p.saveAccount().insert(opened);
            p.savePod().insert(Pod.createDefault(account, T0));
            p.savePod().insert(pod);
            p.savePod().insert(otherPod);
        });
    }

    private Suppression row(Pod podOrNull, String address, SuppressionType type, Instant at) {
        return new Suppression(account, podOrNull == null ? null : podOrNull.id(), address, type, "why " + address, at);
    }

    private <T> T inTransaction(Supplier<T> work) {
        return p.transactions().inTransaction(work::get);
    }

    @Test
    void oneRowPerAddressReadBackAsStored() {
        Suppression bounced = row(pod, "Gone@Example.COM", SuppressionType.BOUNCE, T0);

        assertTrue(inTransaction(() -> p.store().insertIfAbsent(bounced)));
        assertFalse(inTransaction(() -> p.store().insertIfAbsent(row(null, "gone@example.com", SuppressionType.UNSUB,
                T0.plusSeconds(1)))), "the address is suppressed already");

        assertEquals(Optional.of(bounced), inTransaction(() -> p.store().find(account, "gone@example.com")));
        assertEquals("gone@example.com", bounced.address());
        assertTrue(inTransaction(() -> p.store().remove(account, "gone@example.com")));
        assertFalse(inTransaction(() -> p.store().remove(account, "gone@example.com")));
        assertEquals(Optional.empty(), inTransaction(() -> p.store().find(account, "gone@example.com")));
    }

    @Test
    void pagesAreNewestFirstAndAScopedViewSeesItsPodAndTheAccountsOwn() {
        Suppression accountOwn = row(null, "a@example.com", SuppressionType.UNSUB, T0);
        Suppression ofPod = row(pod, "b@example.com", SuppressionType.BOUNCE, T0.plusSeconds(1));
        Suppression ofOtherPod = row(otherPod, "c@example.com", SuppressionType.COMPLAINT, T0.plusSeconds(2));
        inTransaction(() -> List.of(accountOwn, ofPod, ofOtherPod).stream()
                .map(p.store()::insertIfAbsent).toList());

        assertEquals(new Page<>(List.of(ofOtherPod, ofPod, accountOwn), 3),
                inTransaction(() -> p.store().page(account, null, null, PageRequest.firstPage())));
        assertEquals(new Page<>(List.of(ofPod, accountOwn), 2),
                inTransaction(() -> p.store().page(account, pod.id(), null, PageRequest.firstPage())));
        assertEquals(new Page<>(List.of(ofPod), 1),
                inTransaction(() -> p.store().page(account, null, SuppressionType.BOUNCE, PageRequest.firstPage())));
        assertEquals(new Page<>(List.of(ofPod), 3),
                inTransaction(() -> p.store().page(account, null, null, new PageRequest(1, 1))));
        assertEquals(new Page<>(List.of(), 0), inTransaction(() -> p.store().page(
                Account.open(null, new InboxLimit(1), T0).id(), null, null, PageRequest.firstPage())),
                "another account's list is its own");
    }

    @Test
    void firstOfFindsTheFirstSuppressedRecipientInTheOrderAsked() {
        inTransaction(() -> List.of(row(null, "x@example.com", SuppressionType.UNSUB, T0),
                row(pod, "y@example.com", SuppressionType.BOUNCE, T0)).stream().map(p.store()::insertIfAbsent).toList());

        assertEquals(Optional.empty(), inTransaction(() -> p.store().firstOf(account,
                List.of("free@example.com", "other@example.org"))));
        assertEquals("y@example.com", inTransaction(() -> p.store().firstOf(account,
                List.of("free@example.com", " Y@Example.com", "x@example.com"))).orElseThrow().address());
        assertEquals(Optional.empty(), inTransaction(() -> p.store().firstOf(account, List.of())));
    }

    @Test
    void twoConcurrentAddsOfOneAddressStoreOneRow() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> adds = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                SuppressionType type = i == 0 ? SuppressionType.BOUNCE : SuppressionType.COMPLAINT;
                adds.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return inTransaction(() -> p.store().insertIfAbsent(row(pod, "race@example.com", type, T0)));
                }));
            }
            int stored = 0;
            for (Future<Boolean> add : adds) {
                stored += add.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, stored);
            assertEquals(1, inTransaction(() -> p.store().page(account, null, null, PageRequest.firstPage())).total());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void softBouncesAreCountedPerAccountAndAddressWhateverTheCase() {
        assertEquals(1, inTransaction(() -> p.store().countSoftBounce(account, "Flaky@Example.org", T0)));
        assertEquals(2, inTransaction(() -> p.store().countSoftBounce(account, "flaky@example.org", T0.plusSeconds(1))));
        assertEquals(1, inTransaction(() -> p.store().countSoftBounce(account, "other@example.org", T0)));
        assertTrue(inTransaction(() -> p.store().find(account, "flaky@example.org")).isEmpty(),
                "counting suppresses nothing by itself");
    }

    @Test
    void concurrentSoftBouncesOfOneAddressAreAllCounted() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<Integer>> counts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                counts.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return inTransaction(() -> p.store().countSoftBounce(account, "busy@example.org", T0));
                }));
            }
            List<Integer> seen = new ArrayList<>();
            for (Future<Integer> count : counts) {
                seen.add(count.get(30, TimeUnit.SECONDS));
            }
            seen.sort(Integer::compare);
            assertEquals(java.util.stream.IntStream.rangeClosed(1, threads).boxed().toList(), seen);
        } finally {
            pool.shutdownNow();
        }
    }
}
