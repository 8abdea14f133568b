package dev.openmail.application.fakes;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiToken;
import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.EmailAddress;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.ClientIdTakenException;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.pod.PodOccupancy;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.out.DnsLookup;
import dev.openmail.domain.port.out.DnsUnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the fakes promise beyond the persistence contract. */
class InMemoryStoreTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryTransactions transactions = new InMemoryTransactions(store);

    @Test
    void findForUpdateNeedsATransaction() {
        Account account = openAccount();

        assertThrows(IllegalStateException.class,
                () -> store.findForUpdate(account.id(), new PodRef.ByClientId(new ClientId("x"))));
    }

    @Test
    void rowsThatNeedAnAccountAreRefusedWithoutOne() {
        AccountId nobody = AccountId.generate();

        assertThrows(IllegalStateException.class, () -> store.insert(Pod.create(nobody, null, null, NOW)));
        assertThrows(IllegalStateException.class,
                () -> store.insert(ApiKey.accountWide(nobody, null, ApiToken.generate(), NOW)));
    }

    @Test
    void inboxAndDomainRowsNeedTheirPodInTheirAccount() {
        Account acme = openAccount();
        Account globex = openAccount();
        Pod acmePod = pod(acme);

        assertThrows(IllegalStateException.class, () -> store.addInbox(acme.id(), PodId.generate()));
        assertThrows(IllegalStateException.class, () -> store.addScopedDomain(globex.id(), acmePod.id()));
    }

    @Test
    void duplicatePrimaryKeysAreRefused() {
        Account account = openAccount();
        Pod pod = pod(account);

        assertThrows(IllegalStateException.class, () -> store.insert(account));
        assertThrows(IllegalStateException.class, () -> store.insert(pod));
    }

    @Test
    void aFailedTransactionAlsoTakesBackInboxAndDomainRows() {
        Account account = openAccount();
        Pod pod = pod(account);

        assertThrows(IllegalStateException.class, () -> transactions.inTransaction(() -> {
            store.addInbox(account.id(), pod.id());
            store.addScopedDomain(account.id(), pod.id());
            throw new IllegalStateException("undo");
        }));

        assertEquals(PodOccupancy.EMPTY, store.occupancy(account.id(), pod.id()));
    }

    @Test
    void aNestedTransactionJoinsTheOuterOne() {
        Account account = openAccount();
        Pod inner = Pod.create(account.id(), new ClientId("inner"), null, NOW);

        assertThrows(IllegalStateException.class, () -> transactions.inTransaction(() -> {
            transactions.inTransaction(() -> store.insert(inner));
            throw new IllegalStateException("the outer work fails after the inner one completed");
        }));

        assertEquals(Optional.empty(), store.find(account.id(), new PodRef.ById(inner.id())));
    }

    @Test
    void aCheckedExceptionThrownSneakilyStillRollsBack() {
        Account account = openAccount();
        Pod pod = Pod.create(account.id(), null, null, NOW);

        Exception thrown = assertThrows(Exception.class, () -> transactions.inTransaction(() -> {
            store.insert(pod);
            throw InMemoryStoreTest.<RuntimeException>sneaky(new java.io.IOException("io"));
        }));

        assertEquals(java.io.IOException.class, thrown.getClass());
        assertEquals(Optional.empty(), store.find(account.id(), new PodRef.ById(pod.id())));
    }

    @Test
    void transactionsFromManyThreadsDoNotLoseUpdates() throws Exception {
        Account account = openAccount();
        int threads = 8;
        int increments = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < increments; i++) {
                        transactions.inTransaction(() -> {
                            Account current = store.find(account.id()).orElseThrow();
                            store.update(current.update(Change.keep(),
                                    Change.to(new InboxLimit(current.inboxLimit().value() + 1))));
                        });
                        store.insert(Pod.create(account.id(), new ClientId("t" + thread + "-" + i), null, NOW));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(threads * increments, store.find(account.id()).orElseThrow().inboxLimit().value());
        assertEquals(1 + threads * increments, store.list(account.id(), PageRequest.firstPage()).total());
    }

    @Test
    void concurrentInsertsOfOneClientIdLetExactlyOneWin() throws Exception {
        Account account = openAccount();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int failures = 0;
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        transactions.inTransaction(
                                () -> store.insert(Pod.create(account.id(), new ClientId("contested"), null, NOW)));
                        return true;
                    } catch (ClientIdTakenException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            for (Future<Boolean> result : results) {
                if (!result.get(60, TimeUnit.SECONDS)) {
                    failures++;
                }
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(threads - 1, failures);
        assertEquals(2, store.list(account.id(), PageRequest.firstPage()).total());
    }

    @Test
    void readsThatStandForRowLocksNeedATransaction() {
        Account account = openAccount();

        assertThrows(IllegalStateException.class, () -> store.quotaForNewInbox(account.id()));
        assertThrows(IllegalStateException.class, () -> store.domains().findForUpdate(account.id(), DomainId.generate()));
        assertThrows(IllegalStateException.class,
                () -> store.domains().findByNameForUpdate(account.id(), new DomainName("example.com")));
        assertEquals(0, transactions.inTransaction(() -> store.quotaForNewInbox(account.id())).inboxes());
    }

    @Test
    void theQuotaOfAnUnknownAccountIsAnError() {
        assertThrows(IllegalStateException.class,
                () -> transactions.inTransaction(() -> store.quotaForNewInbox(AccountId.generate())));
    }

    @Test
    void anInboxOnADomainNeedsThatDomainInItsAccount() {
        Account acme = openAccount();
        Account globex = openAccount();
        MailDomain globexDomain = store.addScopedDomain(globex.id(), pod(globex).id());
        PodId acmePod = pod(acme).id();

        assertThrows(IllegalStateException.class, () -> store.insert(Inbox.create(acme.id(), acmePod,
                EmailAddress.of("abc@" + globexDomain.name()), globexDomain.id(), null, null, NOW)));
        assertThrows(IllegalStateException.class, () -> store.insert(Inbox.create(acme.id(), acmePod,
                EmailAddress.of("bcd@example.com"), DomainId.generate(), null, null, NOW)));

        assertEquals(0, store.list(acme.id(), null, PageRequest.firstPage()).total());
    }

    @Test
    void theHelpersPutRealRows() {
        Account account = openAccount();
        Pod pod = pod(account);

        Inbox inbox = store.addInbox(account.id(), pod.id());
        MailDomain domain = store.addScopedDomain(account.id(), pod.id());

        assertEquals(inbox.id(), store.find(account.id(), inbox.id()).orElseThrow().id());
        assertEquals(1, store.list(account.id(), pod.id(), PageRequest.firstPage()).total());
        assertEquals(domain.id(), store.domains().find(account.id(), domain.id()).orElseThrow().id());
        assertEquals(1, store.domains().list(account.id(), pod.id(), PageRequest.firstPage()).total());
        assertEquals(new PodOccupancy(true, true), store.occupancy(account.id(), pod.id()));
    }

    @Test
    void fakeDnsAnswersWhatWasPublishedWhateverTheCaseOfTheName() {
        FakeDnsLookup dns = new FakeDnsLookup()
                .publishTxt("Example.com", "v=spf1 -all")
                .publishTxt("example.COM", "other")
                .publishMx("example.com", 10, "mx.example.net");

        assertEquals(List.of("v=spf1 -all", "other"), dns.txt("example.com"));
        assertEquals(List.of(new DnsLookup.MxRecord(10, "mx.example.net")), dns.mx("EXAMPLE.com"));
        assertEquals(List.of(), dns.txt("nothing.example.com"));
        assertEquals(List.of(), dns.mx("nothing.example.com"));
        dns.withdraw("example.com");
        assertEquals(List.of(), dns.txt("example.com"));
        assertEquals(5, dns.lookups());
    }

    @Test
    void fakeDnsSwitchedOffAnswersNothing() {
        FakeDnsLookup dns = new FakeDnsLookup().publishTxt("example.com", "v=spf1 -all");

        dns.setUnavailable(true);
        assertThrows(DnsUnavailableException.class, () -> dns.txt("example.com"));
        assertThrows(DnsUnavailableException.class, () -> dns.mx("example.com"));
        dns.setUnavailable(false);

        assertEquals(List.of("v=spf1 -all"), dns.txt("example.com"));
    }

    private Account openAccount() {
        Account account = Account.open(null, new InboxLimit(0), NOW);
        store.insert(account);
        store.insert(Pod.createDefault(account.id(), NOW));
        return account;
    }

    private Pod pod(Account account) {
        Pod pod = Pod.create(account.id(), null, null, NOW);
        store.insert(pod);
        return pod;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
