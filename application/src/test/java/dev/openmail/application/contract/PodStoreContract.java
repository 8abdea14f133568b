package dev.openmail.application.contract;

import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.ApiToken;
import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.ClientIdTakenException;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodHasDomainsException;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.pod.PodNotEmptyException;
import dev.openmail.domain.pod.PodOccupancy;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.out.InspectPodContents;
import dev.openmail.domain.port.out.LoadAccounts;
import dev.openmail.domain.port.out.LoadApiKeys;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.RemovePod;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveApiKey;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.TokenAlreadyRegisteredException;
import dev.openmail.domain.port.out.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every implementation of the persistence ports must do, run against the in-memory fakes and the database.
 * A database is shared by all tests and by earlier runs, so each test opens accounts of its own and asserts only
 * about their rows. Times are whole milliseconds, the precision the database keeps.
 */
public abstract class PodStoreContract {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123Z");
    private static final String ROCKET = "\uD83D\uDE80";

    /** The ports under test, backed by one fresh-or-shared store; each test uses a fresh account so tests never see each other's rows. */
    protected abstract Ports ports();

    /** Put an inbox row into the given pod (test-only, bypasses the ports). */
    protected abstract void insertInbox(AccountId accountId, PodId podId);

    /** Put a domain row scoped to the given pod. */
    protected abstract void insertScopedDomain(AccountId accountId, PodId podId);

    public record Ports(Transactions transactions, LoadAccounts loadAccounts, SaveAccount saveAccount,
                        LoadApiKeys loadApiKeys, SaveApiKey saveApiKey, LoadPods loadPods, SavePod savePod,
                        InspectPodContents contents, RemovePod removePod) {
    }

    private Ports p;

    @BeforeEach
    void obtainPorts() {
        p = ports();
    }

    // ---- pods: insert and find

    @Test
    void aPodIsFoundByIdAndByClientIdWithEveryField() {
        Opened acme = openAccount();
        Pod pod = insertPod(acme, "sales-eu", "Sales " + ROCKET, T0.plusSeconds(5));

        assertSamePod(pod, p.loadPods().find(acme.id(), byId(pod)).orElseThrow());
        assertSamePod(pod, p.loadPods().find(acme.id(), byClientId("sales-eu")).orElseThrow());
    }

    @Test
    void theDefaultPodIsStoredAsTheDefault() {
        Opened acme = openAccount();

        Pod found = p.loadPods().find(acme.id(), byId(acme.defaultPod())).orElseThrow();

        assertSamePod(acme.defaultPod(), found);
        assertTrue(found.isDefault());
        assertNull(found.clientId());
    }

    @Test
    void aPodWithoutClientIdOrNameIsStoredWithNulls() {
        Opened acme = openAccount();
        Pod pod = insertPod(acme, null, null, T0);

        Pod found = p.loadPods().find(acme.id(), byId(pod)).orElseThrow();

        assertSamePod(pod, found);
        assertNull(found.clientId());
        assertNull(found.name());
    }

    @Test
    void theLongestClientIdAndNameAreStoredWhole() {
        Opened acme = openAccount();
        String clientId = "a.b_c-d:e@F9".repeat(21) + "xyz";
        String name = ROCKET.repeat(Label.MAX_CODE_POINTS);
        assertEquals(ClientId.MAX_LENGTH, clientId.length());

        Pod pod = insertPod(acme, clientId, name, T0);

        assertSamePod(pod, p.loadPods().find(acme.id(), byClientId(clientId)).orElseThrow());
    }

    @Test
    void findReportsAnUnknownPodAsEmpty() {
        Opened acme = openAccount();

        assertEquals(Optional.empty(), p.loadPods().find(acme.id(), new PodRef.ById(PodId.generate())));
        assertEquals(Optional.empty(), p.loadPods().find(acme.id(), byClientId("nobody")));
    }

    // ---- pods: client ids

    @Test
    void clientIdsAreCaseSensitive() {
        Opened acme = openAccount();
        Pod upper = insertPod(acme, "Acme", null, T0);
        Pod lower = insertPod(acme, "acme", null, T0);

        assertSamePod(upper, p.loadPods().find(acme.id(), byClientId("Acme")).orElseThrow());
        assertSamePod(lower, p.loadPods().find(acme.id(), byClientId("acme")).orElseThrow());
        assertEquals(Optional.empty(), p.loadPods().find(acme.id(), byClientId("ACME")));
    }

    @Test
    void insertingATakenClientIdIsRefusedAndStoresNothing() {
        Opened acme = openAccount();
        Pod first = insertPod(acme, "sales", "First", T0);
        Pod second = Pod.create(acme.id(), new ClientId("sales"), new Label("Second"), T0);

        assertThrows(ClientIdTakenException.class, () -> p.savePod().insert(second));

        assertEquals(Optional.empty(), p.loadPods().find(acme.id(), byId(second)));
        assertSamePod(first, p.loadPods().find(acme.id(), byClientId("sales")).orElseThrow());
        assertEquals(2, p.loadPods().list(acme.id(), PageRequest.firstPage()).total());
    }

    @Test
    void podsWithoutClientIdCoexist() {
        Opened acme = openAccount();
        Pod one = insertPod(acme, null, "One", T0);
        Pod two = insertPod(acme, null, "Two", T0);

        Page<Pod> page = p.loadPods().list(acme.id(), PageRequest.firstPage());

        assertEquals(3, page.total());
        assertEquals(List.of(acme.defaultPod().id(), one.id(), two.id()), ids(page));
    }

    @Test
    void accountsMayUseTheSameClientId() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        Pod acmeSales = insertPod(acme, "sales", null, T0);
        Pod globexSales = insertPod(globex, "sales", null, T0);

        assertSamePod(acmeSales, p.loadPods().find(acme.id(), byClientId("sales")).orElseThrow());
        assertSamePod(globexSales, p.loadPods().find(globex.id(), byClientId("sales")).orElseThrow());
    }

    // ---- pods: update

    @Test
    void updateChangesClientIdAndName() {
        Opened acme = openAccount();
        Pod pod = insertPod(acme, "old", "Old", T0);
        Pod changed = Pod.reconstitute(pod.id(), pod.accountId(), new ClientId("new"), new Label("New " + ROCKET),
                false, pod.createdAt());

        assertTrue(p.savePod().update(changed));

        assertSamePod(changed, p.loadPods().find(acme.id(), byId(pod)).orElseThrow());
        assertSamePod(changed, p.loadPods().find(acme.id(), byClientId("new")).orElseThrow());
        assertEquals(Optional.empty(), p.loadPods().find(acme.id(), byClientId("old")));
    }

    @Test
    void updateKeepingThePodsOwnClientIdIsNoClash() {
        Opened acme = openAccount();
        Pod pod = insertPod(acme, "sales", "Sales", T0);
        Pod renamed = rename(pod, "sales", "Sales and marketing");

        assertTrue(p.savePod().update(renamed));

        assertSamePod(renamed, p.loadPods().find(acme.id(), byClientId("sales")).orElseThrow());
    }

    @Test
    void updatingToATakenClientIdIsRefusedAndKeepsTheRow() {
        Opened acme = openAccount();
        Pod sales = insertPod(acme, "sales", "Sales", T0);
        Pod support = insertPod(acme, "support", "Support", T0);

        assertThrows(ClientIdTakenException.class, () -> p.savePod().update(rename(support, "sales", "Renamed")));

        assertSamePod(support, p.loadPods().find(acme.id(), byId(support)).orElseThrow());
        assertSamePod(sales, p.loadPods().find(acme.id(), byClientId("sales")).orElseThrow());
    }

    @Test
    void aClearedClientIdCanBeTakenByAnotherPod() {
        Opened acme = openAccount();
        Pod first = insertPod(acme, "shared", null, T0);

        assertTrue(p.savePod().update(rename(first, null, null)));
        Pod second = insertPod(acme, "shared", null, T0);

        assertSamePod(second, p.loadPods().find(acme.id(), byClientId("shared")).orElseThrow());
        Pod firstNow = p.loadPods().find(acme.id(), byId(first)).orElseThrow();
        assertNull(firstNow.clientId());
    }

    @Test
    void updatingARemovedPodReportsFalse() {
        Opened acme = openAccount();
        Pod pod = insertPod(acme, "gone", null, T0);
        p.transactions().inTransaction(() -> p.removePod().remove(pod));

        assertFalse(p.savePod().update(rename(pod, "back", "Back")));

        assertEquals(Optional.empty(), p.loadPods().find(acme.id(), byId(pod)));
        assertEquals(Optional.empty(), p.loadPods().find(acme.id(), byClientId("back")));
    }

    @Test
    void updateNeverTouchesAnotherAccountsPod() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        Pod pod = insertPod(acme, "sales", "Sales", T0);
        Pod hijack = Pod.reconstitute(pod.id(), globex.id(), new ClientId("mine"), new Label("Mine"), false, T0);

        assertFalse(p.savePod().update(hijack));

        assertSamePod(pod, p.loadPods().find(acme.id(), byId(pod)).orElseThrow());
        assertEquals(Optional.empty(), p.loadPods().find(globex.id(), byId(pod)));
    }

    // ---- pods: list

    @Test
    void listPutsTheDefaultFirstThenOldestFirstWithIdAsTieBreak() {
        Instant same = T0.plusSeconds(60);
        Account account = Account.open(null, new InboxLimit(10), T0);
        // Made before the default pod, so these have smaller ids and share its creation time: only the default
        // flag can put the default pod first.
        Pod a = Pod.create(account.id(), null, new Label("a"), same);
        Pod b = Pod.create(account.id(), null, new Label("b"), same);
        Pod c = Pod.create(account.id(), null, new Label("c"), same);
        Pod defaultPod = Pod.createDefault(account.id(), same);
        Pod older = Pod.create(account.id(), null, new Label("older"), same.minusMillis(1));
        p.saveAccount().insert(account);
        p.savePod().insert(defaultPod);
        for (Pod pod : List.of(older, c, a, b)) {
            p.savePod().insert(pod);
        }

        Page<Pod> page = p.loadPods().list(account.id(), PageRequest.firstPage());

        assertEquals(5, page.total());
        assertEquals(List.of(defaultPod.id(), older.id(), a.id(), b.id(), c.id()), ids(page));
        assertSamePod(older, page.items().get(1));
    }

    @Test
    void listShowsWindowsOfTheOrderAndTheWholeTotal() {
        Opened acme = openAccount();
        List<PodId> expected = new ArrayList<>(List.of(acme.defaultPod().id()));
        for (int i = 1; i <= 4; i++) {
            expected.add(insertPod(acme, "p" + i, null, T0.plusMillis(i)).id());
        }

        Page<Pod> first = p.loadPods().list(acme.id(), new PageRequest(2, 0));
        Page<Pod> second = p.loadPods().list(acme.id(), new PageRequest(2, 2));
        Page<Pod> third = p.loadPods().list(acme.id(), new PageRequest(2, 4));
        Page<Pod> beyond = p.loadPods().list(acme.id(), new PageRequest(2, 10));

        assertEquals(expected.subList(0, 2), ids(first));
        assertEquals(expected.subList(2, 4), ids(second));
        assertEquals(expected.subList(4, 5), ids(third));
        assertEquals(List.of(), beyond.items());
        for (Page<Pod> page : List.of(first, second, third, beyond)) {
            assertEquals(5, page.total());
        }
    }

    @Test
    void removedPodsLeaveTheListAndTheTotal() {
        Opened acme = openAccount();
        Pod kept = insertPod(acme, "kept", null, T0);
        Pod removed = insertPod(acme, "removed", null, T0);

        p.transactions().inTransaction(() -> p.removePod().remove(removed));

        Page<Pod> page = p.loadPods().list(acme.id(), PageRequest.firstPage());
        assertEquals(List.of(acme.defaultPod().id(), kept.id()), ids(page));
        assertEquals(2, page.total());
    }

    // ---- pods: accounts do not see each other

    @Test
    void anotherAccountsPodsAreInvisible() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        Pod secret = insertPod(globex, "secret", null, T0);

        assertEquals(Optional.empty(), p.loadPods().find(acme.id(), byId(secret)));
        assertEquals(Optional.empty(), p.loadPods().find(acme.id(), byClientId("secret")));
        assertEquals(Optional.empty(), p.loadPods().find(acme.id(), byId(globex.defaultPod())));
        assertEquals(Optional.empty(),
                p.transactions().inTransaction(() -> p.loadPods().findForUpdate(acme.id(), byId(secret))));
        assertEquals(Optional.empty(),
                p.transactions().inTransaction(() -> p.loadPods().findForUpdate(acme.id(), byClientId("secret"))));

        Page<Pod> acmePods = p.loadPods().list(acme.id(), PageRequest.firstPage());
        assertEquals(List.of(acme.defaultPod().id()), ids(acmePods));
        assertEquals(1, acmePods.total());
    }

    // ---- pods: removal

    @Test
    void findForUpdateFindsThePodInsideATransaction() {
        Opened acme = openAccount();
        Pod pod = insertPod(acme, "doomed", "Doomed", T0);

        Optional<Pod> byId = p.transactions().inTransaction(() -> p.loadPods().findForUpdate(acme.id(), byId(pod)));
        Optional<Pod> byClientId = p.transactions().inTransaction(
                () -> p.loadPods().findForUpdate(acme.id(), byClientId("doomed")));
        Optional<Pod> unknown = p.transactions().inTransaction(
                () -> p.loadPods().findForUpdate(acme.id(), new PodRef.ById(PodId.generate())));

        assertSamePod(pod, byId.orElseThrow());
        assertSamePod(pod, byClientId.orElseThrow());
        assertEquals(Optional.empty(), unknown);
    }

    @Test
    void occupancyReflectsInboxesAndScopedDomains() {
        Opened acme = openAccount();
        Pod withInbox = insertPod(acme, "with-inbox", null, T0);
        Pod withDomain = insertPod(acme, "with-domain", null, T0);
        Pod empty = insertPod(acme, "empty", null, T0);

        assertEquals(PodOccupancy.EMPTY, p.contents().occupancy(acme.id(), withInbox.id()));

        insertInbox(acme.id(), withInbox.id());
        insertScopedDomain(acme.id(), withDomain.id());

        assertEquals(new PodOccupancy(true, false), p.contents().occupancy(acme.id(), withInbox.id()));
        assertEquals(new PodOccupancy(false, true), p.contents().occupancy(acme.id(), withDomain.id()));
        assertEquals(PodOccupancy.EMPTY, p.contents().occupancy(acme.id(), empty.id()));
        assertEquals(PodOccupancy.EMPTY, p.contents().occupancy(acme.id(), acme.defaultPod().id()));

        insertInbox(acme.id(), withDomain.id());
        insertInbox(acme.id(), withDomain.id());
        assertEquals(new PodOccupancy(true, true), p.contents().occupancy(acme.id(), withDomain.id()));
    }

    @Test
    void occupancyOfAnotherAccountsPodIsEmpty() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        Pod pod = insertPod(globex, "busy", null, T0);
        insertInbox(globex.id(), pod.id());
        insertScopedDomain(globex.id(), pod.id());

        assertEquals(PodOccupancy.EMPTY, p.contents().occupancy(acme.id(), pod.id()));
        assertEquals(new PodOccupancy(true, true), p.contents().occupancy(globex.id(), pod.id()));
    }

    @Test
    void removingAPodThatHoldsAnInboxIsRefused() {
        Opened acme = openAccount();
        Pod pod = insertPod(acme, "busy", null, T0);
        insertInbox(acme.id(), pod.id());

        assertThrows(PodNotEmptyException.class,
                () -> p.transactions().inTransaction(() -> p.removePod().remove(pod)));

        assertSamePod(pod, p.loadPods().find(acme.id(), byId(pod)).orElseThrow());
    }

    @Test
    void removingAPodThatOwnsAScopedDomainIsRefused() {
        Opened acme = openAccount();
        Pod pod = insertPod(acme, "owner", null, T0);
        insertScopedDomain(acme.id(), pod.id());

        assertThrows(PodHasDomainsException.class,
                () -> p.transactions().inTransaction(() -> p.removePod().remove(pod)));

        assertSamePod(pod, p.loadPods().find(acme.id(), byId(pod)).orElseThrow());
    }

    @Test
    void removingAnEmptyPodDeletesItAndFreesItsClientId() {
        Opened acme = openAccount();
        Pod pod = insertPod(acme, "temp", null, T0);
        Pod neighbour = insertPod(acme, "neighbour", null, T0);
        insertInbox(acme.id(), neighbour.id());

        p.transactions().inTransaction(() -> {
            Pod locked = p.loadPods().findForUpdate(acme.id(), byId(pod)).orElseThrow();
            p.removePod().remove(locked);
        });

        assertEquals(Optional.empty(), p.loadPods().find(acme.id(), byId(pod)));
        assertSamePod(neighbour, p.loadPods().find(acme.id(), byId(neighbour)).orElseThrow());
        Pod successor = insertPod(acme, "temp", null, T0);
        assertSamePod(successor, p.loadPods().find(acme.id(), byClientId("temp")).orElseThrow());
    }

    // ---- API keys

    @Test
    void anApiKeyIsFoundByItsTokenHashWithEveryField() {
        Opened acme = openAccount();
        ApiToken token = ApiToken.generate();
        ApiKey key = ApiKey.reconstitute(ApiKeyId.generate(), acme.id(), KeyScope.ACCOUNT_WIDE,
                new Label("CI " + ROCKET), token.hash(), token.visiblePrefix(), token.last4(), T0.plusMillis(456), null);

        p.saveApiKey().insert(key);
        ApiKey found = p.loadApiKeys().findByTokenHash(token.hash()).orElseThrow();

        assertEquals(key.id(), found.id());
        assertEquals(key.accountId(), found.accountId());
        assertEquals(key.name(), found.name());
        assertEquals(key.tokenHash(), found.tokenHash());
        assertEquals(key.tokenPrefix(), found.tokenPrefix());
        assertEquals(key.last4(), found.last4());
        assertEquals(key.createdAt(), found.createdAt());
    }

    @Test
    void anApiKeyWithoutNameIsStoredWithNull() {
        Opened acme = openAccount();
        ApiToken token = ApiToken.generate();
        p.saveApiKey().insert(ApiKey.accountWide(acme.id(), null, token, T0));

        assertNull(p.loadApiKeys().findByTokenHash(token.hash()).orElseThrow().name());
    }

    @Test
    void anUnknownTokenHashFindsNothing() {
        openAccount();

        assertEquals(Optional.empty(), p.loadApiKeys().findByTokenHash(ApiToken.generate().hash()));
    }

    @Test
    void aSecondKeyForTheSameTokenIsRefused() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        ApiToken token = ApiToken.generate();
        ApiKey first = ApiKey.accountWide(acme.id(), null, token, T0);
        p.saveApiKey().insert(first);

        assertThrows(TokenAlreadyRegisteredException.class,
                () -> p.saveApiKey().insert(ApiKey.accountWide(acme.id(), null, token, T0)));
        assertThrows(TokenAlreadyRegisteredException.class,
                () -> p.saveApiKey().insert(ApiKey.accountWide(globex.id(), null, token, T0)));

        ApiKey found = p.loadApiKeys().findByTokenHash(token.hash()).orElseThrow();
        assertEquals(first.id(), found.id());
        assertEquals(acme.id(), found.accountId());
    }

    // ---- accounts

    @Test
    void anAccountIsFoundWithEveryField() {
        Account account = Account.open(new Label("Acme " + ROCKET + " 東京"), new InboxLimit(42), T0.plusMillis(7));
        insertAccount(account);

        assertSameAccount(account, p.loadAccounts().find(account.id()).orElseThrow());
        assertTrue(p.loadAccounts().anyExists());
    }

    @Test
    void anAccountWithoutNameIsStoredWithNull() {
        Opened acme = openAccount();

        Account found = p.loadAccounts().find(acme.id()).orElseThrow();

        assertSameAccount(acme.account(), found);
        assertNull(found.name());
    }

    @Test
    void anUnknownAccountIsNotFound() {
        openAccount();

        assertEquals(Optional.empty(), p.loadAccounts().find(AccountId.generate()));
    }

    @Test
    void updateChangesNameAndInboxLimit() {
        Account account = Account.open(new Label("Before"), new InboxLimit(5), T0);
        insertAccount(account);
        Account renamed = Account.reconstitute(account.id(), new Label(ROCKET.repeat(Label.MAX_CODE_POINTS)),
                new InboxLimit(InboxLimit.MAX), account.createdAt());
        Account cleared = Account.reconstitute(account.id(), null, new InboxLimit(0), account.createdAt());

        assertTrue(p.saveAccount().update(renamed));
        assertSameAccount(renamed, p.loadAccounts().find(account.id()).orElseThrow());
        assertTrue(p.saveAccount().update(cleared));
        assertSameAccount(cleared, p.loadAccounts().find(account.id()).orElseThrow());
    }

    @Test
    void theChoiceToDropSpoofedLocalMailIsStoredAndChanged() {
        Account dropping = Account.open(null, new InboxLimit(5), T0).withDropSpoofedLocalMail(Change.to(true));
        insertAccount(dropping);
        assertSameAccount(dropping, p.loadAccounts().find(dropping.id()).orElseThrow());

        Account keeping = dropping.withDropSpoofedLocalMail(Change.to(false));
        assertTrue(p.saveAccount().update(keeping));
        assertSameAccount(keeping, p.loadAccounts().find(dropping.id()).orElseThrow());
    }

    @Test
    void updatingAnUnknownAccountReportsFalse() {
        openAccount();
        Account ghost = Account.open(new Label("Ghost"), new InboxLimit(5), T0);

        assertFalse(p.saveAccount().update(ghost));

        assertEquals(Optional.empty(), p.loadAccounts().find(ghost.id()));
    }

    @Test
    void accountsAreListedOldestFirstWithIdAsTieBreak() {
        Instant earlier = T0.minus(3650, ChronoUnit.DAYS);
        Account late = Account.open(new Label("late"), new InboxLimit(1), earlier.plusMillis(1));
        Account first = Account.open(new Label("first"), new InboxLimit(1), earlier);
        Account second = Account.open(new Label("second"), new InboxLimit(1), earlier);
        for (Account account : List.of(late, second, first)) {
            insertAccount(account);
        }

        List<AccountId> all = new ArrayList<>();
        long total = -1;
        for (long offset = 0; total < 0 || offset < total; offset += PageRequest.MAX_LIMIT) {
            Page<Account> page = p.loadAccounts().list(new PageRequest(PageRequest.MAX_LIMIT, offset));
            assertTrue(page.items().size() <= PageRequest.MAX_LIMIT);
            total = page.total();
            page.items().forEach(account -> all.add(account.id()));
        }

        assertEquals(total, all.size());
        assertTrue(total >= 3);
        int firstAt = all.indexOf(first.id());
        int secondAt = all.indexOf(second.id());
        int lateAt = all.indexOf(late.id());
        assertTrue(firstAt >= 0 && firstAt < secondAt && secondAt < lateAt, all::toString);
        assertTrue(p.loadAccounts().anyExists());
    }

    // ---- transactions

    @Test
    void aTransactionThatCompletesKeepsItsWritesAndReturnsItsResult() {
        Opened acme = openAccount();
        Pod pod = Pod.create(acme.id(), new ClientId("kept"), null, T0);

        Pod returned = p.transactions().inTransaction(() -> {
            p.savePod().insert(pod);
            return pod;
        });

        assertSame(pod, returned);
        assertSamePod(pod, p.loadPods().find(acme.id(), byClientId("kept")).orElseThrow());
    }

    @Test
    void aTransactionWhoseWorkThrowsLeavesNothingBehind() {
        Opened acme = openAccount();
        Account newcomer = Account.open(new Label("Newcomer"), new InboxLimit(3), T0);
        Pod newcomerPod = Pod.createDefault(newcomer.id(), T0);
        Pod pod = Pod.create(acme.id(), new ClientId("ghost"), null, T0);
        ApiToken token = ApiToken.generate();
        Account renamed = acme.account().update(Change.to(new Label("Renamed")), Change.keep());
        IllegalStateException failure = new IllegalStateException("the work failed after its writes");

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> p.transactions().inTransaction(() -> {
                    p.saveAccount().insert(newcomer);
                    p.savePod().insert(newcomerPod);
                    p.savePod().insert(pod);
                    p.saveAccount().update(renamed);
                    p.saveApiKey().insert(ApiKey.accountWide(acme.id(), null, token, T0));
                    throw failure;
                }));

        assertSame(failure, thrown);
        assertEquals(Optional.empty(), p.loadPods().find(acme.id(), byId(pod)));
        assertEquals(Optional.empty(), p.loadPods().find(acme.id(), byClientId("ghost")));
        assertEquals(Optional.empty(), p.loadAccounts().find(newcomer.id()));
        assertEquals(0, p.loadPods().list(newcomer.id(), PageRequest.firstPage()).total());
        assertNull(p.loadAccounts().find(acme.id()).orElseThrow().name());
        assertEquals(Optional.empty(), p.loadApiKeys().findByTokenHash(token.hash()));
        assertEquals(1, p.loadPods().list(acme.id(), PageRequest.firstPage()).total());
    }

    // ---- helpers

    /** An account of this test's own, with its default pod, as every account has. */
    private Opened openAccount() {
        return insertAccount(Account.open(null, new InboxLimit(10), T0));
    }

    private Opened insertAccount(Account account) {
        Pod defaultPod = Pod.createDefault(account.id(), account.createdAt());
        p.saveAccount().insert(account);
        p.savePod().insert(defaultPod);
        return new Opened(account, defaultPod);
    }

    private record Opened(Account account, Pod defaultPod) {
        AccountId id() {
            return account.id();
        }
    }

    private Pod insertPod(Opened owner, String clientId, String name, Instant createdAt) {
        Pod pod = Pod.create(owner.id(), clientId == null ? null : new ClientId(clientId),
                name == null ? null : new Label(name), createdAt);
        p.savePod().insert(pod);
        return pod;
    }

    private static Pod rename(Pod pod, String clientId, String name) {
        return Pod.reconstitute(pod.id(), pod.accountId(), clientId == null ? null : new ClientId(clientId),
                name == null ? null : new Label(name), pod.isDefault(), pod.createdAt());
    }

    private static PodRef byId(Pod pod) {
        return new PodRef.ById(pod.id());
    }

    private static PodRef byClientId(String clientId) {
        return new PodRef.ByClientId(new ClientId(clientId));
    }

    private static List<PodId> ids(Page<Pod> page) {
        return page.items().stream().map(Pod::id).toList();
    }

    private static void assertSamePod(Pod expected, Pod actual) {
        assertEquals(expected.id(), actual.id());
        assertEquals(expected.accountId(), actual.accountId());
        assertEquals(expected.clientId(), actual.clientId());
        assertEquals(expected.name(), actual.name());
        assertEquals(expected.isDefault(), actual.isDefault());
        assertEquals(expected.createdAt(), actual.createdAt());
    }

    private static void assertSameAccount(Account expected, Account actual) {
        assertEquals(expected.id(), actual.id());
        assertEquals(expected.name(), actual.name());
        assertEquals(expected.inboxLimit(), actual.inboxLimit());
        assertEquals(expected.createdAt(), actual.createdAt());
        assertEquals(expected.dropSpoofedLocalMail(), actual.dropSpoofedLocalMail());
    }
}
