package dev.openmail.application.contract;

import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.ApiToken;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.common.TimeOrderedIds;
import dev.openmail.domain.inbox.EmailAddress;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.MailboxName;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodNotEmptyException;
import dev.openmail.domain.port.out.LoadApiKeys;
import dev.openmail.domain.port.out.RemovePod;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveApiKey;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every implementation of the API key persistence ports must do, for keys of each reach, run against the
 * in-memory fakes and the database. As in {@link PodStoreContract}, the database is shared by all tests and earlier
 * runs: each test opens accounts of its own and asserts only about their rows. Times are whole milliseconds.
 */
public abstract class ApiKeyStoreContract {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123Z");
    private static final String ROCKET = "\uD83D\uDE80";

    protected abstract Ports ports();

    public record Ports(Transactions transactions, SaveAccount saveAccount, SavePod savePod, SaveInbox saveInbox,
                        RemovePod removePod, LoadApiKeys loadApiKeys, SaveApiKey saveApiKey) {
    }

    /** The three kinds of holder, each listed and counted by a query of its own. */
    public enum Holder {
        ACCOUNT, POD, INBOX
    }

    private Ports p;

    @BeforeEach
    void obtainPorts() {
        p = ports();
    }

    // ---- round trips

    @Test
    void aPodKeyComesBackWithItsScopeAndLastUse() {
        Opened acme = openAccount();
        Pod pod = insertPod(acme);
        ApiKey key = key(acme, KeyScope.pod(pod.id()), new Label("Pod " + ROCKET), T0.plusMillis(456),
                T0.plusSeconds(90).plusMillis(7));

        p.saveApiKey().insert(key);

        assertSameKey(key, p.loadApiKeys().find(acme.id(), key.id()).orElseThrow());
        assertSameKey(key, p.loadApiKeys().findByTokenHash(key.tokenHash()).orElseThrow());
    }

    @Test
    void anInboxKeyComesBackWithItsScopeAndLastUse() {
        Opened acme = openAccount();
        Pod pod = insertPod(acme);
        Inbox inbox = insertInbox(acme, pod);
        ApiKey key = key(acme, KeyScope.inbox(pod.id(), inbox.id()), null, T0, T0.plusMillis(1));

        p.saveApiKey().insert(key);

        ApiKey found = p.loadApiKeys().find(acme.id(), key.id()).orElseThrow();
        assertSameKey(key, found);
        assertEquals(inbox.id(), found.scope().inboxOrNull());
        assertEquals(pod.id(), found.scope().podOrNull());
        assertSameKey(key, p.loadApiKeys().findByTokenHash(key.tokenHash()).orElseThrow());
    }

    @Test
    void anAccountWideKeyThatWasNeverUsedComesBackSo() {
        Opened acme = openAccount();
        ApiKey key = key(acme, KeyScope.ACCOUNT_WIDE, null, T0, null);

        p.saveApiKey().insert(key);

        ApiKey found = p.loadApiKeys().find(acme.id(), key.id()).orElseThrow();
        assertSameKey(key, found);
        assertEquals(KeyScope.ACCOUNT_WIDE, found.scope());
        assertNull(found.lastUsedAt());
    }

    @Test
    void findNeverReturnsAnotherAccountsKeyOrAnUnknownOne() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        ApiKey theirs = insertKey(globex, KeyScope.ACCOUNT_WIDE, T0);

        assertEquals(Optional.empty(), p.loadApiKeys().find(acme.id(), theirs.id()));
        assertEquals(Optional.empty(), p.loadApiKeys().find(acme.id(), ApiKeyId.generate()));
        assertEquals(theirs.id(), p.loadApiKeys().find(globex.id(), theirs.id()).orElseThrow().id());
    }

    // ---- list and count

    @Test
    void listAndCountTakeExactlyTheKeysOfOneScope() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        Pod sales = insertPod(acme);
        Pod support = insertPod(acme);
        Inbox leads = insertInbox(acme, sales);
        Inbox orders = insertInbox(acme, sales);
        ApiKey account1 = insertKey(acme, KeyScope.ACCOUNT_WIDE, T0);
        ApiKey account2 = insertKey(acme, KeyScope.ACCOUNT_WIDE, T0.plusSeconds(1));
        ApiKey sales1 = insertKey(acme, KeyScope.pod(sales.id()), T0);
        ApiKey sales2 = insertKey(acme, KeyScope.pod(sales.id()), T0.plusSeconds(1));
        ApiKey support1 = insertKey(acme, KeyScope.pod(support.id()), T0);
        ApiKey leads1 = insertKey(acme, KeyScope.inbox(sales.id(), leads.id()), T0);
        ApiKey orders1 = insertKey(acme, KeyScope.inbox(sales.id(), orders.id()), T0);
        ApiKey orders2 = insertKey(acme, KeyScope.inbox(sales.id(), orders.id()), T0.plusSeconds(1));
        insertKey(globex, KeyScope.ACCOUNT_WIDE, T0);
        insertKey(globex, KeyScope.pod(insertPod(globex).id()), T0);

        assertScope(acme, KeyScope.ACCOUNT_WIDE, account1, account2);
        // A pod's own keys only: the keys of its inboxes carry its id too, and must not be counted with them.
        assertScope(acme, KeyScope.pod(sales.id()), sales1, sales2);
        assertScope(acme, KeyScope.pod(support.id()), support1);
        assertScope(acme, KeyScope.inbox(sales.id(), leads.id()), leads1);
        assertScope(acme, KeyScope.inbox(sales.id(), orders.id()), orders1, orders2);
        assertScope(acme, KeyScope.pod(acme.defaultPod().id()));
        assertScope(globex, KeyScope.pod(sales.id()));
    }

    @ParameterizedTest
    @EnumSource(Holder.class)
    void keysAreListedOldestFirstWithIdAsTieBreak(Holder holder) {
        Opened acme = openAccount();
        KeyScope scope = scopeFor(holder, acme);
        // Ids are made in this order and sort in it; times and the order of insertion deliberately disagree.
        ApiKey first = key(acme, scope, null, T0.plusSeconds(2), null);
        ApiKey second = key(acme, scope, null, T0, null);
        ApiKey third = key(acme, scope, null, T0.plusSeconds(1), null);
        ApiKey fourth = key(acme, scope, null, T0.plusSeconds(1), null);
        for (ApiKey key : List.of(fourth, first, third, second)) {
            p.saveApiKey().insert(key);
        }

        Page<ApiKey> page = p.loadApiKeys().listByScope(acme.id(), scope, PageRequest.firstPage());

        assertEquals(List.of(second.id(), third.id(), fourth.id(), first.id()), ids(page));
        assertEquals(4, page.total());
    }

    @ParameterizedTest
    @EnumSource(Holder.class)
    void pagesAreWindowsOfTheWholeList(Holder holder) {
        Opened acme = openAccount();
        KeyScope scope = scopeFor(holder, acme);
        List<ApiKeyId> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(insertKey(acme, scope, T0.plusMillis(i)).id());
        }

        Page<ApiKey> middle = p.loadApiKeys().listByScope(acme.id(), scope, new PageRequest(2, 1));
        Page<ApiKey> last = p.loadApiKeys().listByScope(acme.id(), scope, new PageRequest(2, 4));
        Page<ApiKey> beyond = p.loadApiKeys().listByScope(acme.id(), scope, new PageRequest(2, 5));

        assertEquals(all.subList(1, 3), ids(middle));
        assertEquals(5, middle.total());
        assertEquals(all.subList(4, 5), ids(last));
        assertEquals(List.of(), beyond.items());
        assertEquals(5, beyond.total());
        assertEquals(5, p.loadApiKeys().countByScope(acme.id(), scope));
    }

    // ---- remove

    @Test
    void removeReportsTrueOnceThenFalse() {
        Opened acme = openAccount();
        Pod pod = insertPod(acme);
        ApiKey key = insertKey(acme, KeyScope.pod(pod.id()), T0);
        ApiKey kept = insertKey(acme, KeyScope.pod(pod.id()), T0);

        assertTrue(p.saveApiKey().remove(acme.id(), key.id()));
        assertFalse(p.saveApiKey().remove(acme.id(), key.id()));

        assertEquals(Optional.empty(), p.loadApiKeys().find(acme.id(), key.id()));
        assertEquals(Optional.empty(), p.loadApiKeys().findByTokenHash(key.tokenHash()));
        assertScope(acme, KeyScope.pod(pod.id()), kept);
    }

    @Test
    void removeNeverTouchesAnotherAccountsKey() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        ApiKey theirs = insertKey(globex, KeyScope.ACCOUNT_WIDE, T0);

        assertFalse(p.saveApiKey().remove(acme.id(), theirs.id()));

        assertEquals(theirs.id(), p.loadApiKeys().findByTokenHash(theirs.tokenHash()).orElseThrow().id());
    }

    // ---- usage stamps

    @Test
    void stampUsageRecordsTheLastUse() {
        Opened acme = openAccount();
        Inbox inbox = insertInbox(acme, acme.defaultPod());
        ApiKey key = insertKey(acme, KeyScope.inbox(inbox.podId(), inbox.id()), T0);

        p.saveApiKey().stampUsage(acme.id(), key.id(), T0.plusSeconds(60).plusMillis(5));

        ApiKey found = p.loadApiKeys().find(acme.id(), key.id()).orElseThrow();
        assertEquals(T0.plusSeconds(60).plusMillis(5), found.lastUsedAt());
        assertEquals(key.scope(), found.scope());
        assertEquals(key.createdAt(), found.createdAt());
    }

    @Test
    void stampUsageNeverMovesTheLastUseBackwards() {
        Opened acme = openAccount();
        ApiKey key = insertKey(acme, KeyScope.ACCOUNT_WIDE, T0);
        Instant later = T0.plusSeconds(120);

        p.saveApiKey().stampUsage(acme.id(), key.id(), later);
        // Two requests that authenticated concurrently may write their stamps in either order.
        p.saveApiKey().stampUsage(acme.id(), key.id(), T0.plusSeconds(60));
        assertEquals(later, lastUsedAt(acme, key));

        p.saveApiKey().stampUsage(acme.id(), key.id(), later);
        assertEquals(later, lastUsedAt(acme, key));

        p.saveApiKey().stampUsage(acme.id(), key.id(), later.plusMillis(1));
        assertEquals(later.plusMillis(1), lastUsedAt(acme, key));
    }

    @Test
    void stampUsageLeavesAnotherAccountsKeyAndRemovedKeysAlone() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        ApiKey theirs = insertKey(globex, KeyScope.ACCOUNT_WIDE, T0);
        ApiKey removed = insertKey(acme, KeyScope.ACCOUNT_WIDE, T0);
        assertTrue(p.saveApiKey().remove(acme.id(), removed.id()));

        p.saveApiKey().stampUsage(acme.id(), theirs.id(), T0.plusSeconds(60));
        p.saveApiKey().stampUsage(acme.id(), removed.id(), T0.plusSeconds(60));

        assertNull(lastUsedAt(globex, theirs));
        assertEquals(Optional.empty(), p.loadApiKeys().find(acme.id(), removed.id()));
    }

    // ---- keys go with their holder

    @Test
    void removingAnInboxRemovesItsKeysOnly() {
        Opened acme = openAccount();
        Pod pod = insertPod(acme);
        Inbox doomed = insertInbox(acme, pod);
        Inbox sibling = insertInbox(acme, pod);
        ApiKey doomed1 = insertKey(acme, KeyScope.inbox(pod.id(), doomed.id()), T0);
        ApiKey doomed2 = insertKey(acme, KeyScope.inbox(pod.id(), doomed.id()), T0);
        ApiKey ofSibling = insertKey(acme, KeyScope.inbox(pod.id(), sibling.id()), T0);
        ApiKey ofPod = insertKey(acme, KeyScope.pod(pod.id()), T0);
        ApiKey ofAccount = insertKey(acme, KeyScope.ACCOUNT_WIDE, T0);

        assertTrue(p.saveInbox().remove(doomed));

        assertGone(acme, doomed1);
        assertGone(acme, doomed2);
        assertScope(acme, KeyScope.inbox(pod.id(), doomed.id()));
        assertScope(acme, KeyScope.inbox(pod.id(), sibling.id()), ofSibling);
        assertScope(acme, KeyScope.pod(pod.id()), ofPod);
        assertScope(acme, KeyScope.ACCOUNT_WIDE, ofAccount);
    }

    @Test
    void removingAPodRemovesItsPodKeysOnly() {
        Opened acme = openAccount();
        Pod doomed = insertPod(acme);
        Pod other = insertPod(acme);
        ApiKey doomed1 = insertKey(acme, KeyScope.pod(doomed.id()), T0);
        ApiKey doomed2 = insertKey(acme, KeyScope.pod(doomed.id()), T0);
        ApiKey ofOther = insertKey(acme, KeyScope.pod(other.id()), T0);
        ApiKey ofAccount = insertKey(acme, KeyScope.ACCOUNT_WIDE, T0);

        p.transactions().inTransaction(() -> p.removePod().remove(doomed));

        assertGone(acme, doomed1);
        assertGone(acme, doomed2);
        assertScope(acme, KeyScope.pod(doomed.id()));
        assertScope(acme, KeyScope.pod(other.id()), ofOther);
        assertScope(acme, KeyScope.ACCOUNT_WIDE, ofAccount);
    }

    @Test
    void aPodEmptiedOfItsInboxIsRemovedWithEveryKeyConfinedToIt() {
        Opened acme = openAccount();
        Pod doomed = insertPod(acme);
        Inbox inbox = insertInbox(acme, doomed);
        ApiKey ofInbox = insertKey(acme, KeyScope.inbox(doomed.id(), inbox.id()), T0);
        ApiKey ofPod = insertKey(acme, KeyScope.pod(doomed.id()), T0);

        assertTrue(p.saveInbox().remove(inbox));
        p.transactions().inTransaction(() -> p.removePod().remove(doomed));

        assertGone(acme, ofInbox);
        assertGone(acme, ofPod);
    }

    @Test
    void aPodThatCannotBeRemovedKeepsItsKeys() {
        Opened acme = openAccount();
        Pod busy = insertPod(acme);
        Inbox inbox = insertInbox(acme, busy);
        ApiKey ofPod = insertKey(acme, KeyScope.pod(busy.id()), T0);
        ApiKey ofInbox = insertKey(acme, KeyScope.inbox(busy.id(), inbox.id()), T0);

        assertThrows(PodNotEmptyException.class,
                () -> p.transactions().inTransaction(() -> p.removePod().remove(busy)));

        assertScope(acme, KeyScope.pod(busy.id()), ofPod);
        assertScope(acme, KeyScope.inbox(busy.id(), inbox.id()), ofInbox);
    }

    // ---- helpers

    /** An account of this test's own, with its default pod, as every account has. */
    private Opened openAccount() {
        Account account = Account.open(null, new InboxLimit(10), T0);
        Pod defaultPod = Pod.createDefault(account.id(), T0);
        p.saveAccount().insert(account);
        p.savePod().insert(defaultPod);
        return new Opened(account, defaultPod);
    }

    private record Opened(Account account, Pod defaultPod) {
        AccountId id() {
            return account.id();
        }
    }

    private Pod insertPod(Opened owner) {
        Pod pod = Pod.create(owner.id(), null, null, T0);
        p.savePod().insert(pod);
        return pod;
    }

    /** An inbox with an address unique in the installation, so that tests sharing a database never collide. */
    private Inbox insertInbox(Opened owner, Pod pod) {
        Inbox inbox = Inbox.create(owner.id(), pod.id(),
                new EmailAddress(new MailboxName(TimeOrderedIds.next()), new DomainName("contract.test")), null, null,
                null, T0);
        p.saveInbox().insert(inbox);
        return inbox;
    }

    private KeyScope scopeFor(Holder holder, Opened owner) {
        return switch (holder) {
            case ACCOUNT -> KeyScope.ACCOUNT_WIDE;
            case POD -> KeyScope.pod(insertPod(owner).id());
            case INBOX -> {
                Inbox inbox = insertInbox(owner, insertPod(owner));
                yield KeyScope.inbox(inbox.podId(), inbox.id());
            }
        };
    }

    private static ApiKey key(Opened owner, KeyScope scope, Label name, Instant createdAt, Instant lastUsedAt) {
        ApiToken token = ApiToken.generate();
        return ApiKey.reconstitute(ApiKeyId.generate(), owner.id(), scope, name, token.hash(), token.visiblePrefix(),
                token.last4(), createdAt, lastUsedAt);
    }

    private ApiKey insertKey(Opened owner, KeyScope scope, Instant createdAt) {
        ApiKey key = key(owner, scope, null, createdAt, null);
        p.saveApiKey().insert(key);
        return key;
    }

    private Instant lastUsedAt(Opened owner, ApiKey key) {
        return p.loadApiKeys().find(owner.id(), key.id()).orElseThrow().lastUsedAt();
    }

    /** The scope holds exactly {@code expected}, in this order, by list and by count. */
    private void assertScope(Opened owner, KeyScope scope, ApiKey... expected) {
        List<ApiKeyId> expectedIds = Arrays.stream(expected).map(ApiKey::id).toList();
        Page<ApiKey> page = p.loadApiKeys().listByScope(owner.id(), scope, new PageRequest(PageRequest.MAX_LIMIT, 0));
        assertEquals(expectedIds, ids(page), scope::toString);
        assertEquals(expected.length, page.total(), scope::toString);
        assertEquals(expected.length, p.loadApiKeys().countByScope(owner.id(), scope), scope::toString);
        for (ApiKey key : expected) {
            assertEquals(scope, p.loadApiKeys().find(owner.id(), key.id()).orElseThrow().scope());
        }
    }

    private void assertGone(Opened owner, ApiKey key) {
        assertEquals(Optional.empty(), p.loadApiKeys().find(owner.id(), key.id()));
        assertEquals(Optional.empty(), p.loadApiKeys().findByTokenHash(key.tokenHash()));
    }

    private static List<ApiKeyId> ids(Page<ApiKey> page) {
        return page.items().stream().map(ApiKey::id).toList();
    }

    private static void assertSameKey(ApiKey expected, ApiKey actual) {
        assertEquals(expected.id(), actual.id());
        assertEquals(expected.accountId(), actual.accountId());
        assertEquals(expected.scope(), actual.scope());
        assertEquals(expected.name(), actual.name());
        assertEquals(expected.tokenHash(), actual.tokenHash());
        assertEquals(expected.tokenPrefix(), actual.tokenPrefix());
        assertEquals(expected.last4(), actual.last4());
        assertEquals(expected.createdAt(), actual.createdAt());
        assertEquals(expected.lastUsedAt(), actual.lastUsedAt());
    }
}
