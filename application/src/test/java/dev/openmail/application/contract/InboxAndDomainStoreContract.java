package dev.openmail.application.contract;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.common.TimeOrderedIds;
import dev.openmail.domain.inbox.AddressTakenException;
import dev.openmail.domain.inbox.DisplayName;
import dev.openmail.domain.inbox.EmailAddress;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.inbox.InboxQuota;
import dev.openmail.domain.inbox.MailboxName;
import dev.openmail.domain.inbox.WebhookSecret;
import dev.openmail.domain.inbox.WebhookUrl;
import dev.openmail.domain.maildomain.DkimKey;
import dev.openmail.domain.maildomain.DnsRecord;
import dev.openmail.domain.maildomain.DomainHasInboxesException;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.DomainScope;
import dev.openmail.domain.maildomain.DomainStatus;
import dev.openmail.domain.maildomain.DomainTakenException;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.maildomain.MxHost;
import dev.openmail.domain.maildomain.RecordStatus;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodHasDomainsException;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.pod.PodNotEmptyException;
import dev.openmail.domain.pod.PodOccupancy;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.out.CountInboxes;
import dev.openmail.domain.port.out.InspectPodContents;
import dev.openmail.domain.port.out.LoadDomains;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.PodGoneException;
import dev.openmail.domain.port.out.RemovePod;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveDomain;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every implementation of the inbox and domain persistence ports must do, run against the in-memory fakes and the
 * database. As in {@link PodStoreContract}, the database is shared by all tests and earlier runs: each test opens
 * accounts of its own, and addresses and domain names, unique across the installation, are made unique per test.
 */
public abstract class InboxAndDomainStoreContract {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123Z");
    private static final String ROCKET = "\uD83D\uDE80";
    // Generating RSA keys is slow; most tests only need some key to store and load back.
    private static final DkimKey DKIM = DkimKey.generate();
    private static final MxHost MX_HOST = new MxHost(new DomainName("mx.contract.test"));

    protected abstract Ports ports();

    public record Ports(Transactions transactions, SaveAccount saveAccount, SavePod savePod, LoadPods loadPods,
                        LoadInboxes loadInboxes, SaveInbox saveInbox, CountInboxes countInboxes,
                        LoadDomains loadDomains, SaveDomain saveDomain, RemovePod removePod,
                        InspectPodContents contents) {
    }

    private Ports p;

    @BeforeEach
    void obtainPorts() {
        p = ports();
    }

    // ---- inboxes: insert and find

    @Test
    void anInboxOnTheDefaultDomainIsFoundWithEveryField() {
        Opened acme = openAccount();
        Inbox inbox = Inbox.create(acme.id(), acme.defaultPod().id(), uniqueAddress(), null, null, null, T0.plusMillis(5));

        p.saveInbox().insert(inbox);
        Inbox found = p.loadInboxes().find(acme.id(), inbox.id()).orElseThrow();

        assertSameInbox(inbox, found);
        assertNull(found.domainId());
        assertNull(found.displayName());
        assertNull(found.webhookUrl());
        assertNull(found.webhookSecret());
    }

    @Test
    void anInboxOnACustomDomainWithWebhookAndEmojiNameKeepsEveryField() {
        Opened acme = openAccount();
        Pod pod = insertPod(acme, T0);
        MailDomain domain = insertDomain(acme, null, T0);
        String urlStart = "https://hooks.example.com/" + ROCKET + "/\u00e9?q=";
        WebhookUrl url = new WebhookUrl(urlStart + "x".repeat(WebhookUrl.MAX_LENGTH - urlStart.length()));
        Inbox inbox = Inbox.reconstitute(InboxId.generate(), acme.id(), pod.id(),
                new EmailAddress(uniqueMailbox(), domain.name()), domain.id(),
                new DisplayName(ROCKET.repeat(DisplayName.MAX_CODE_POINTS)), url, WebhookSecret.generate(),
                T0.plusMillis(999));

        p.saveInbox().insert(inbox);

        assertSameInbox(inbox, p.loadInboxes().find(acme.id(), inbox.id()).orElseThrow());
    }

    @Test
    void anUnknownInboxIsNotFound() {
        Opened acme = openAccount();

        assertEquals(Optional.empty(), p.loadInboxes().find(acme.id(), InboxId.generate()));
    }

    @Test
    void findForUpdateFindsTheInboxOfTheAccountInsideATransaction() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        Pod pod = insertPod(acme, T0);
        Inbox inbox = insertInbox(acme, pod, uniqueAddress(), T0.plusMillis(9));
        insertInbox(acme, pod, uniqueAddress(), T0);

        Optional<Inbox> found = p.transactions().inTransaction(() -> p.loadInboxes().findForUpdate(acme.id(), inbox.id()));

        assertSameInbox(inbox, found.orElseThrow());
        assertEquals(Optional.empty(),
                p.transactions().inTransaction(() -> p.loadInboxes().findForUpdate(globex.id(), inbox.id())));
        assertEquals(Optional.empty(),
                p.transactions().inTransaction(() -> p.loadInboxes().findForUpdate(acme.id(), InboxId.generate())));
    }

    @Test
    void findByAddressFindsTheInboxOfAnyAccountIgnoringCase() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        Inbox ours = insertInbox(acme, acme.defaultPod(), uniqueAddress(), T0);
        Inbox theirs = insertInbox(globex, globex.defaultPod(), uniqueAddress(), T0);
        String address = ours.address().value();

        assertSameInbox(ours, p.loadInboxes().findByAddress(address).orElseThrow());
        assertSameInbox(ours, p.loadInboxes().findByAddress(address.toUpperCase(Locale.ROOT)).orElseThrow());
        assertSameInbox(ours, p.loadInboxes().findByAddress(
                address.substring(0, 1).toUpperCase(Locale.ROOT) + address.substring(1)).orElseThrow());
        assertSameInbox(theirs, p.loadInboxes().findByAddress(theirs.address().value()).orElseThrow());
        assertEquals(Optional.empty(), p.loadInboxes().findByAddress(uniqueAddress().value()));
        // Only the address itself: the address column's collation would take these as equal to it.
        for (String near : List.of(address + " ", address.replace("contract.test", "contr\u00e4ct.test"))) {
            assertEquals(Optional.empty(), p.loadInboxes().findByAddress(near), near);
        }

        assertTrue(p.saveInbox().remove(ours));
        assertEquals(Optional.empty(), p.loadInboxes().findByAddress(address));
    }

    // ---- inboxes: unique addresses and existing pods

    @Test
    void anAddressIsTakenAcrossTheWholeInstallation() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        Pod acmePod = insertPod(acme, T0);
        EmailAddress address = uniqueAddress();
        Inbox first = insertInbox(acme, acme.defaultPod(), address, T0);

        AddressTakenException sameAccount = assertThrows(AddressTakenException.class, () -> p.saveInbox().insert(
                Inbox.create(acme.id(), acmePod.id(), address, null, null, null, T0)));
        assertThrows(AddressTakenException.class, () -> p.saveInbox().insert(
                Inbox.create(globex.id(), globex.defaultPod().id(), address, null, null, null, T0)));

        assertTrue(sameAccount.getMessage().contains(address.value()), sameAccount.getMessage());
        assertEquals(List.of(first.id()), inboxIds(p.loadInboxes().list(acme.id(), null, PageRequest.firstPage())));
        assertEquals(0, p.loadInboxes().list(globex.id(), null, PageRequest.firstPage()).total());
    }

    @Test
    void aRemovedInboxFreesItsAddress() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        EmailAddress address = uniqueAddress();
        Inbox first = insertInbox(acme, acme.defaultPod(), address, T0);

        assertTrue(p.saveInbox().remove(first));
        Inbox successor = insertInbox(globex, globex.defaultPod(), address, T0);

        assertEquals(Optional.empty(), p.loadInboxes().find(acme.id(), first.id()));
        assertSameInbox(successor, p.loadInboxes().find(globex.id(), successor.id()).orElseThrow());
    }

    @Test
    void anInboxNeedsItsPodInItsAccount() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        Pod removed = insertPod(acme, T0);
        p.transactions().inTransaction(() -> p.removePod().remove(removed));

        for (PodId pod : List.of(PodId.generate(), removed.id(), globex.defaultPod().id())) {
            Inbox inbox = Inbox.create(acme.id(), pod, uniqueAddress(), null, null, null, T0);
            assertThrows(PodGoneException.class, () -> p.saveInbox().insert(inbox), pod.value());
        }

        assertEquals(0, p.loadInboxes().list(acme.id(), null, PageRequest.firstPage()).total());
        assertEquals(0, p.loadInboxes().list(globex.id(), null, PageRequest.firstPage()).total());
    }

    // ---- inboxes: lists

    @Test
    void inboxesAreListedOldestFirstWithIdAsTieBreak() {
        Opened acme = openAccount();
        Instant same = T0.plusSeconds(60);
        PodId pod = acme.defaultPod().id();
        Inbox a = Inbox.create(acme.id(), pod, uniqueAddress(), null, null, null, same);
        Inbox b = Inbox.create(acme.id(), pod, uniqueAddress(), null, null, null, same);
        Inbox c = Inbox.create(acme.id(), pod, uniqueAddress(), null, null, null, same);
        Inbox older = Inbox.create(acme.id(), pod, uniqueAddress(), null, null, null, same.minusMillis(1));
        for (Inbox inbox : List.of(c, older, b, a)) {
            p.saveInbox().insert(inbox);
        }

        Page<Inbox> page = p.loadInboxes().list(acme.id(), null, PageRequest.firstPage());

        assertEquals(List.of(older.id(), a.id(), b.id(), c.id()), inboxIds(page));
        assertEquals(4, page.total());
        assertSameInbox(older, page.items().get(0));
    }

    @Test
    void listsShowWindowsAndTotalsOfTheAccountOrOfOnePod() {
        Opened acme = openAccount();
        Pod sales = insertPod(acme, T0);
        Pod support = insertPod(acme, T0);
        Inbox s1 = insertInbox(acme, sales, uniqueAddress(), T0.plusMillis(1));
        Inbox u1 = insertInbox(acme, support, uniqueAddress(), T0.plusMillis(2));
        Inbox s2 = insertInbox(acme, sales, uniqueAddress(), T0.plusMillis(3));
        Inbox s3 = insertInbox(acme, sales, uniqueAddress(), T0.plusMillis(4));
        Inbox u2 = insertInbox(acme, support, uniqueAddress(), T0.plusMillis(5));

        Page<Inbox> firstTwo = p.loadInboxes().list(acme.id(), null, new PageRequest(2, 0));
        Page<Inbox> lastOne = p.loadInboxes().list(acme.id(), null, new PageRequest(2, 4));
        Page<Inbox> beyond = p.loadInboxes().list(acme.id(), null, new PageRequest(2, 9));
        Page<Inbox> salesPage = p.loadInboxes().list(acme.id(), sales.id(), new PageRequest(2, 1));
        Page<Inbox> supportPage = p.loadInboxes().list(acme.id(), support.id(), PageRequest.firstPage());
        Page<Inbox> defaultPage = p.loadInboxes().list(acme.id(), acme.defaultPod().id(), PageRequest.firstPage());
        Page<Inbox> unknownPage = p.loadInboxes().list(acme.id(), PodId.generate(), PageRequest.firstPage());

        assertEquals(List.of(s1.id(), u1.id()), inboxIds(firstTwo));
        assertEquals(List.of(u2.id()), inboxIds(lastOne));
        assertEquals(List.of(), beyond.items());
        for (Page<Inbox> page : List.of(firstTwo, lastOne, beyond)) {
            assertEquals(5, page.total());
        }
        assertEquals(List.of(s2.id(), s3.id()), inboxIds(salesPage));
        assertEquals(3, salesPage.total());
        assertEquals(List.of(u1.id(), u2.id()), inboxIds(supportPage));
        assertEquals(2, supportPage.total());
        assertEquals(0, defaultPage.total());
        assertEquals(List.of(), unknownPage.items());
        assertEquals(0, unknownPage.total());
    }

    @Test
    void podsWithInboxesOnADomainAreTheDistinctPodsOfItsInboxes() {
        Opened acme = openAccount();
        Pod sales = insertPod(acme, T0);
        Pod support = insertPod(acme, T0);
        Pod elsewhere = insertPod(acme, T0);
        MailDomain shared = insertDomain(acme, null, T0);
        MailDomain unused = insertDomain(acme, null, T0);
        insertInboxOn(acme, sales, shared);
        insertInboxOn(acme, sales, shared);
        insertInboxOn(acme, support, shared);
        insertInbox(acme, elsewhere, uniqueAddress(), T0);

        assertEquals(Set.of(sales.id(), support.id()), p.loadInboxes().podsWithInboxesOn(acme.id(), shared.id()));
        assertEquals(Set.of(), p.loadInboxes().podsWithInboxesOn(acme.id(), unused.id()));
        assertEquals(Set.of(), p.loadInboxes().podsWithInboxesOn(acme.id(), DomainId.generate()));
    }

    // ---- inboxes: quota

    @Test
    void theQuotaCountsTheAccountsInboxesInEveryPodAgainstItsLimit() {
        Opened acme = openAccount(3);
        Opened globex = openAccount(1);
        Pod sales = insertPod(acme, T0);
        assertQuota(0, 3, acme);

        insertInbox(acme, acme.defaultPod(), uniqueAddress(), T0);
        Inbox second = insertInbox(acme, acme.defaultPod(), uniqueAddress(), T0);
        insertInbox(acme, sales, uniqueAddress(), T0);
        insertInbox(globex, globex.defaultPod(), uniqueAddress(), T0);
        assertQuota(3, 3, acme);
        assertQuota(1, 1, globex);

        assertTrue(p.saveAccount().update(acme.account().update(Change.keep(), Change.to(new InboxLimit(5)))));
        assertTrue(p.saveInbox().remove(second));
        assertQuota(2, 5, acme);
    }

    @Test
    void countsStayExactWhenInsertsAndRemovalsRunConcurrently() throws Exception {
        Opened acme = openAccount(1000);
        Pod sales = insertPod(acme, T0);
        List<Inbox> existing = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            existing.add(insertInbox(acme, i % 2 == 0 ? sales : acme.defaultPod(), uniqueAddress(), T0));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                work.add(pool.submit(() -> p.transactions().inTransaction(() -> {
                    p.countInboxes().quotaForNewInbox(acme.id()).ensureRoomForOneMore();
                    p.saveInbox().insert(Inbox.create(acme.id(), sales.id(), uniqueAddress(), null, null, null, T0));
                })));
            }
            for (Inbox inbox : existing) {
                work.add(pool.submit(() -> p.transactions().inTransaction(() -> {
                    p.loadInboxes().findForUpdate(acme.id(), inbox.id()).orElseThrow();
                    assertTrue(p.saveInbox().remove(inbox));
                })));
            }
            for (Future<?> done : work) {
                done.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertQuota(24, 1000, acme);
        Page<Inbox> ofSales = p.loadInboxes().list(acme.id(), sales.id(), new PageRequest(100, 0));
        assertEquals(24, ofSales.total());
        assertEquals(24, ofSales.items().size());
        assertEquals(0, p.loadInboxes().list(acme.id(), acme.defaultPod().id(), PageRequest.firstPage()).total());
        assertEquals(24, p.loadInboxes().list(acme.id(), null, new PageRequest(100, 0)).items().size());
    }

    @Test
    void aRefusedInsertOrARolledBackOneLeavesTheCounts() {
        Opened acme = openAccount(5);
        Inbox kept = insertInbox(acme, acme.defaultPod(), uniqueAddress(), T0);
        Inbox duplicate = Inbox.create(acme.id(), acme.defaultPod().id(), kept.address(), null, null, null, T0);

        assertThrows(AddressTakenException.class,
                () -> p.transactions().inTransaction(() -> p.saveInbox().insert(duplicate)));
        assertThrows(IllegalStateException.class, () -> p.transactions().inTransaction(() -> {
            p.saveInbox().insert(Inbox.create(acme.id(), acme.defaultPod().id(), uniqueAddress(), null, null, null, T0));
            throw new IllegalStateException("the unit of work fails after the insert");
        }));
        assertFalse(p.saveInbox().remove(Inbox.create(acme.id(), acme.defaultPod().id(), uniqueAddress(), null, null,
                null, T0)));

        assertQuota(1, 5, acme);
        assertEquals(1, p.loadInboxes().list(acme.id(), acme.defaultPod().id(), PageRequest.firstPage()).total());
    }

    // ---- inboxes: update and remove

    @Test
    void updateChangesTheDisplayNameAndTheWebhookOnly() {
        Opened acme = openAccount();
        Pod otherPod = insertPod(acme, T0);
        Inbox inbox = insertInbox(acme, acme.defaultPod(), uniqueAddress(), T0);
        WebhookUrl url = new WebhookUrl("https://example.com/hook?inbox=1");
        WebhookSecret secret = WebhookSecret.generate();
        Inbox changed = Inbox.reconstitute(inbox.id(), acme.id(), otherPod.id(), uniqueAddress(), null,
                new DisplayName("Support " + ROCKET), url, secret, T0.plusSeconds(3600));

        assertTrue(p.saveInbox().update(changed));

        Inbox found = p.loadInboxes().find(acme.id(), inbox.id()).orElseThrow();
        assertEquals(new DisplayName("Support " + ROCKET), found.displayName());
        assertEquals(url, found.webhookUrl());
        assertEquals(secret, found.webhookSecret());
        assertEquals(inbox.podId(), found.podId());
        assertEquals(inbox.address(), found.address());
        assertEquals(inbox.createdAt(), found.createdAt());
    }

    @Test
    void updateClearsTheSettings() {
        Opened acme = openAccount();
        Inbox inbox = Inbox.create(acme.id(), acme.defaultPod().id(), uniqueAddress(), null, new DisplayName("Support"),
                new WebhookUrl("https://example.com/hook"), T0);
        p.saveInbox().insert(inbox);

        assertTrue(p.saveInbox().update(Inbox.reconstitute(inbox.id(), acme.id(), inbox.podId(), inbox.address(), null,
                null, null, null, inbox.createdAt())));

        Inbox found = p.loadInboxes().find(acme.id(), inbox.id()).orElseThrow();
        assertNull(found.displayName());
        assertNull(found.webhookUrl());
        assertNull(found.webhookSecret());
    }

    @Test
    void updatingOrRemovingAMissingInboxReportsFalse() {
        Opened acme = openAccount();
        Inbox inbox = insertInbox(acme, acme.defaultPod(), uniqueAddress(), T0);
        Inbox never = Inbox.create(acme.id(), acme.defaultPod().id(), uniqueAddress(), null, null, null, T0);

        assertTrue(p.saveInbox().remove(inbox));
        assertFalse(p.saveInbox().remove(inbox));
        assertFalse(p.saveInbox().update(inbox.update(Change.to(new DisplayName("Back")), Change.keep())));
        assertFalse(p.saveInbox().update(never));
        assertFalse(p.saveInbox().remove(never));

        assertEquals(Optional.empty(), p.loadInboxes().find(acme.id(), inbox.id()));
        assertEquals(0, p.loadInboxes().list(acme.id(), null, PageRequest.firstPage()).total());
    }

    @Test
    void anotherAccountsInboxIsNeitherUpdatedNorRemoved() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        Inbox inbox = insertInbox(globex, globex.defaultPod(), uniqueAddress(), T0);
        Inbox hijack = Inbox.reconstitute(inbox.id(), acme.id(), acme.defaultPod().id(), inbox.address(), null,
                new DisplayName("Mine"), new WebhookUrl("https://evil.example/hook"), WebhookSecret.generate(), T0);

        assertFalse(p.saveInbox().update(hijack));
        assertFalse(p.saveInbox().remove(hijack));

        assertSameInbox(inbox, p.loadInboxes().find(globex.id(), inbox.id()).orElseThrow());
    }

    @Test
    void anotherAccountsInboxesAreInvisible() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        MailDomain globexDomain = insertDomain(globex, null, T0);
        Inbox theirs = insertInboxOn(globex, globex.defaultPod(), globexDomain);

        assertEquals(Optional.empty(), p.loadInboxes().find(acme.id(), theirs.id()));
        assertEquals(0, p.loadInboxes().list(acme.id(), null, PageRequest.firstPage()).total());
        assertEquals(0, p.loadInboxes().list(acme.id(), globex.defaultPod().id(), PageRequest.firstPage()).total());
        assertEquals(Set.of(), p.loadInboxes().podsWithInboxesOn(acme.id(), globexDomain.id()));
        assertQuota(0, 10, acme);
        assertEquals(PodOccupancy.EMPTY, p.contents().occupancy(acme.id(), globex.defaultPod().id()));
    }

    // ---- domains: insert and find

    @Test
    void aNewlyAddedDomainIsFoundWithEveryFieldAndItsKeys() {
        Opened acme = openAccount();
        MailDomain domain = MailDomain.add(acme.id(), uniqueDomainName(), DomainScope.ACCOUNT_WIDE, DkimKey.generate(),
                T0.plusMillis(7));

        p.saveDomain().insert(domain);
        MailDomain found = p.loadDomains().find(acme.id(), domain.id()).orElseThrow();

        assertSameDomain(domain, found);
        assertEquals(DomainStatus.PENDING, found.status());
        assertSame(DomainScope.ACCOUNT_WIDE, found.scope());
        assertNull(found.verifiedAt());
        assertEquals(domain.records(MX_HOST), found.records(MX_HOST));
    }

    @Test
    void aVerifiedScopedDomainIsFoundWithItsStatusesAndVerificationTime() {
        Opened acme = openAccount();
        Pod pod = insertPod(acme, T0);
        MailDomain domain = domain(acme, uniqueDomainName(), DomainScope.of(pod.id()), DomainStatus.VERIFIED,
                allRecords(RecordStatus.VALID), T0, T0.plusSeconds(90).plusMillis(1));

        p.saveDomain().insert(domain);
        MailDomain found = p.loadDomains().find(acme.id(), domain.id()).orElseThrow();

        assertSameDomain(domain, found);
        assertEquals(DomainScope.of(pod.id()), found.scope());
        assertEquals(T0.plusSeconds(90).plusMillis(1), found.verifiedAt());
    }

    @Test
    void aFailedDomainKeepsEachRecordsOwnStatus() {
        Opened acme = openAccount();
        Map<DnsRecord.Purpose, RecordStatus> statuses = new EnumMap<>(DnsRecord.Purpose.class);
        statuses.put(DnsRecord.Purpose.MX, RecordStatus.VALID);
        statuses.put(DnsRecord.Purpose.SPF, RecordStatus.INVALID);
        statuses.put(DnsRecord.Purpose.DKIM, RecordStatus.MISSING);
        statuses.put(DnsRecord.Purpose.OWNERSHIP, RecordStatus.VALID);
        MailDomain domain = domain(acme, uniqueDomainName(), DomainScope.ACCOUNT_WIDE, DomainStatus.FAILED, statuses,
                T0, null);

        p.saveDomain().insert(domain);

        assertSameDomain(domain, p.loadDomains().find(acme.id(), domain.id()).orElseThrow());
    }

    @Test
    void anUnknownDomainIsNotFound() {
        Opened acme = openAccount();

        assertEquals(Optional.empty(), p.loadDomains().find(acme.id(), DomainId.generate()));
        assertEquals(Optional.empty(),
                p.transactions().inTransaction(() -> p.loadDomains().findForUpdate(acme.id(), DomainId.generate())));
        assertEquals(Optional.empty(), p.transactions().inTransaction(
                () -> p.loadDomains().findByNameForUpdate(acme.id(), uniqueDomainName())));
    }

    @Test
    void findForUpdateFindsTheDomainByIdOrByNameInsideATransaction() {
        Opened acme = openAccount();
        MailDomain domain = insertDomain(acme, null, T0);
        insertDomain(acme, null, T0);

        Optional<MailDomain> byId = p.transactions().inTransaction(
                () -> p.loadDomains().findForUpdate(acme.id(), domain.id()));
        Optional<MailDomain> byName = p.transactions().inTransaction(
                () -> p.loadDomains().findByNameForUpdate(acme.id(), domain.name()));

        assertSameDomain(domain, byId.orElseThrow());
        assertSameDomain(domain, byName.orElseThrow());
    }

    @Test
    void aDomainNameIsTakenAcrossTheWholeInstallation() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        MailDomain first = insertDomain(acme, null, T0);
        Pod acmePod = insertPod(acme, T0);

        DomainTakenException e = assertThrows(DomainTakenException.class, () -> p.saveDomain().insert(
                domain(acme, first.name(), DomainScope.of(acmePod.id()), DomainStatus.PENDING, Map.of(), T0, null)));
        assertThrows(DomainTakenException.class, () -> p.saveDomain().insert(
                domain(globex, first.name(), DomainScope.ACCOUNT_WIDE, DomainStatus.PENDING, Map.of(), T0, null)));

        assertTrue(e.getMessage().contains(first.name().value()), e.getMessage());
        assertEquals(List.of(first.id()), domainIds(p.loadDomains().list(acme.id(), null, PageRequest.firstPage())));
        assertEquals(0, p.loadDomains().list(globex.id(), null, PageRequest.firstPage()).total());
        assertEquals(Optional.empty(), p.transactions().inTransaction(
                () -> p.loadDomains().findByNameForUpdate(globex.id(), first.name())));
    }

    @Test
    void aScopedDomainNeedsItsPodInItsAccount() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        Pod removed = insertPod(acme, T0);
        p.transactions().inTransaction(() -> p.removePod().remove(removed));

        for (PodId pod : List.of(PodId.generate(), removed.id(), globex.defaultPod().id())) {
            MailDomain domain = domain(acme, uniqueDomainName(), DomainScope.of(pod), DomainStatus.PENDING, Map.of(), T0,
                    null);
            assertThrows(PodGoneException.class, () -> p.saveDomain().insert(domain), pod.value());
        }

        assertEquals(0, p.loadDomains().list(acme.id(), null, PageRequest.firstPage()).total());
    }

    // ---- domains: update

    @Test
    void updateChangesScopeStatusesAndVerificationTimeOnly() {
        Opened acme = openAccount();
        Pod pod = insertPod(acme, T0);
        MailDomain domain = insertDomain(acme, null, T0);
        MailDomain changed = MailDomain.reconstitute(domain.id(), acme.id(), uniqueDomainName(), DomainScope.of(pod.id()),
                DomainStatus.VERIFIED, new DkimKey("other", "pub", "priv"), "other-token",
                allRecords(RecordStatus.VALID), T0.plusSeconds(3600), T0.plusSeconds(60));

        assertTrue(p.saveDomain().update(changed));
        MailDomain found = p.loadDomains().find(acme.id(), domain.id()).orElseThrow();

        assertEquals(DomainScope.of(pod.id()), found.scope());
        assertEquals(DomainStatus.VERIFIED, found.status());
        assertEquals(allRecords(RecordStatus.VALID), statuses(found));
        assertEquals(T0.plusSeconds(60), found.verifiedAt());
        assertEquals(domain.name(), found.name());
        assertEquals(domain.dkim(), found.dkim());
        assertEquals(domain.ownershipToken(), found.ownershipToken());
        assertEquals(domain.createdAt(), found.createdAt());
    }

    @Test
    void updateWidensAScopedDomainAndClearsItsVerificationTime() {
        Opened acme = openAccount();
        Pod pod = insertPod(acme, T0);
        MailDomain domain = domain(acme, uniqueDomainName(), DomainScope.of(pod.id()), DomainStatus.VERIFIED,
                allRecords(RecordStatus.VALID), T0, T0.plusSeconds(1));
        p.saveDomain().insert(domain);
        MailDomain failed = MailDomain.reconstitute(domain.id(), acme.id(), domain.name(), DomainScope.ACCOUNT_WIDE,
                DomainStatus.FAILED, DKIM, domain.ownershipToken(), allRecords(RecordStatus.INVALID), T0, null);

        assertTrue(p.saveDomain().update(failed));

        assertSameDomain(failed, p.loadDomains().find(acme.id(), domain.id()).orElseThrow());
        assertEquals(0, p.loadDomains().list(acme.id(), pod.id(), PageRequest.firstPage()).total());
    }

    @Test
    void updateToAPodThatIsGoneIsRefusedAndKeepsTheRow() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        MailDomain domain = insertDomain(acme, null, T0);

        for (PodId pod : List.of(PodId.generate(), globex.defaultPod().id())) {
            MailDomain rescoped = domain.rescope(DomainScope.of(pod), Set.of());
            assertThrows(PodGoneException.class, () -> p.saveDomain().update(rescoped), pod.value());
        }

        assertSameDomain(domain, p.loadDomains().find(acme.id(), domain.id()).orElseThrow());
    }

    @Test
    void updatingAMissingOrAnotherAccountsDomainReportsFalse() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        MailDomain theirs = insertDomain(globex, null, T0);
        MailDomain hijack = MailDomain.reconstitute(theirs.id(), acme.id(), theirs.name(), DomainScope.ACCOUNT_WIDE,
                DomainStatus.VERIFIED, DKIM, theirs.ownershipToken(), allRecords(RecordStatus.VALID), T0, T0);
        MailDomain never = domain(acme, uniqueDomainName(), DomainScope.ACCOUNT_WIDE, DomainStatus.VERIFIED, Map.of(),
                T0, T0);

        assertFalse(p.saveDomain().update(hijack));
        assertFalse(p.saveDomain().update(never));

        assertSameDomain(theirs, p.loadDomains().find(globex.id(), theirs.id()).orElseThrow());
        assertEquals(Optional.empty(), p.loadDomains().find(acme.id(), never.id()));
    }

    // ---- domains: remove

    @Test
    void removingADomainWithoutInboxesDeletesItAndFreesItsName() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        MailDomain domain = insertDomain(acme, null, T0);
        MailDomain neighbour = insertDomain(acme, null, T0);

        assertTrue(p.saveDomain().remove(domain));
        assertFalse(p.saveDomain().remove(domain));

        assertEquals(Optional.empty(), p.loadDomains().find(acme.id(), domain.id()));
        assertEquals(List.of(neighbour.id()), domainIds(p.loadDomains().list(acme.id(), null, PageRequest.firstPage())));
        MailDomain successor = domain(globex, domain.name(), DomainScope.ACCOUNT_WIDE, DomainStatus.PENDING, Map.of(),
                T0, null);
        p.saveDomain().insert(successor);
        assertSameDomain(successor, p.loadDomains().find(globex.id(), successor.id()).orElseThrow());
    }

    @Test
    void removingADomainThatAnInboxUsesIsRefused() {
        Opened acme = openAccount();
        MailDomain domain = insertDomain(acme, null, T0);
        Inbox inbox = insertInboxOn(acme, acme.defaultPod(), domain);

        assertThrows(DomainHasInboxesException.class, () -> p.saveDomain().remove(domain));

        assertSameDomain(domain, p.loadDomains().find(acme.id(), domain.id()).orElseThrow());
        assertTrue(p.saveInbox().remove(inbox));
        assertTrue(p.saveDomain().remove(domain));
    }

    @Test
    void anotherAccountsDomainIsNotRemoved() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        MailDomain theirs = insertDomain(globex, null, T0);
        MailDomain hijack = MailDomain.reconstitute(theirs.id(), acme.id(), theirs.name(), DomainScope.ACCOUNT_WIDE,
                DomainStatus.PENDING, DKIM, theirs.ownershipToken(), Map.of(), T0, null);

        assertFalse(p.saveDomain().remove(hijack));

        assertSameDomain(theirs, p.loadDomains().find(globex.id(), theirs.id()).orElseThrow());
    }

    // ---- domains: lists

    @Test
    void domainsAreListedOldestFirstAndByPod() {
        Opened acme = openAccount();
        Pod meridian = insertPod(acme, T0);
        Pod cedar = insertPod(acme, T0);
        MailDomain accountWide = insertDomain(acme, null, T0.plusMillis(1));
        MailDomain meridianFirst = insertDomain(acme, meridian, T0);
        MailDomain cedarOnly = insertDomain(acme, cedar, T0.plusMillis(2));
        MailDomain meridianSecond = insertDomain(acme, meridian, T0.plusMillis(3));

        Page<MailDomain> all = p.loadDomains().list(acme.id(), null, PageRequest.firstPage());
        Page<MailDomain> window = p.loadDomains().list(acme.id(), null, new PageRequest(2, 1));
        Page<MailDomain> ofMeridian = p.loadDomains().list(acme.id(), meridian.id(), PageRequest.firstPage());
        Page<MailDomain> ofCedar = p.loadDomains().list(acme.id(), cedar.id(), PageRequest.firstPage());
        Page<MailDomain> ofDefault = p.loadDomains().list(acme.id(), acme.defaultPod().id(), PageRequest.firstPage());
        Page<MailDomain> ofUnknown = p.loadDomains().list(acme.id(), PodId.generate(), PageRequest.firstPage());

        assertEquals(List.of(meridianFirst.id(), accountWide.id(), cedarOnly.id(), meridianSecond.id()), domainIds(all));
        assertEquals(4, all.total());
        assertEquals(List.of(accountWide.id(), cedarOnly.id()), domainIds(window));
        assertEquals(4, window.total());
        assertEquals(List.of(meridianFirst.id(), meridianSecond.id()), domainIds(ofMeridian));
        assertEquals(2, ofMeridian.total());
        assertEquals(List.of(cedarOnly.id()), domainIds(ofCedar));
        assertEquals(1, ofCedar.total());
        assertEquals(0, ofDefault.total());
        assertEquals(List.of(), ofUnknown.items());
        assertEquals(0, ofUnknown.total());
        assertSameDomain(meridianFirst, all.items().get(0));
    }

    @Test
    void domainsAddedAtTheSameTimeAreOrderedById() {
        Opened acme = openAccount();
        Instant same = T0.plusSeconds(5);
        MailDomain a = domain(acme, uniqueDomainName(), DomainScope.ACCOUNT_WIDE, DomainStatus.PENDING, Map.of(), same, null);
        MailDomain b = domain(acme, uniqueDomainName(), DomainScope.ACCOUNT_WIDE, DomainStatus.PENDING, Map.of(), same, null);
        MailDomain c = domain(acme, uniqueDomainName(), DomainScope.ACCOUNT_WIDE, DomainStatus.PENDING, Map.of(), same, null);
        for (MailDomain domain : List.of(c, a, b)) {
            p.saveDomain().insert(domain);
        }

        assertEquals(List.of(a.id(), b.id(), c.id()),
                domainIds(p.loadDomains().list(acme.id(), null, PageRequest.firstPage())));
    }

    @Test
    void neverVerifiedDomainsAreCountedPerAccountAndFoundByAgeAcrossAccounts() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        // A moment of its own, long ago, so that other tests' domains are not in the way.
        Instant added = Instant.parse("1971-01-01T00:00:00Z").plusMillis(new java.util.Random().nextInt(1_000_000_000));
        MailDomain pending = domain(acme, uniqueDomainName(), DomainScope.ACCOUNT_WIDE, DomainStatus.PENDING, Map.of(),
                added, null);
        MailDomain failed = domain(globex, uniqueDomainName(), DomainScope.ACCOUNT_WIDE, DomainStatus.FAILED, Map.of(),
                added, null);
        MailDomain verified = domain(acme, uniqueDomainName(), DomainScope.ACCOUNT_WIDE, DomainStatus.VERIFIED,
                Map.of(), added, added.plusSeconds(1));
        MailDomain later = domain(acme, uniqueDomainName(), DomainScope.ACCOUNT_WIDE, DomainStatus.PENDING, Map.of(),
                added.plusMillis(1), null);
        for (MailDomain domain : List.of(pending, failed, verified, later)) {
            p.saveDomain().insert(domain);
        }

        assertEquals(2, p.loadDomains().countNeverVerified(acme.id()));
        assertEquals(1, p.loadDomains().countNeverVerified(globex.id()));
        List<DomainId> old = p.loadDomains().neverVerifiedAddedBefore(added.plusMillis(1), 10_000).stream()
                .map(MailDomain::id).toList();
        assertTrue(old.containsAll(List.of(pending.id(), failed.id())), old::toString);
        assertFalse(old.contains(verified.id()) || old.contains(later.id()), old::toString);
        assertEquals(List.of(), p.loadDomains().neverVerifiedAddedBefore(added.plusMillis(1), 0));
    }

    @Test
    void anotherAccountsDomainsAreInvisible() {
        Opened acme = openAccount();
        Opened globex = openAccount();
        Pod globexPod = insertPod(globex, T0);
        MailDomain theirs = insertDomain(globex, globexPod, T0);

        assertEquals(Optional.empty(), p.loadDomains().find(acme.id(), theirs.id()));
        assertEquals(Optional.empty(),
                p.transactions().inTransaction(() -> p.loadDomains().findForUpdate(acme.id(), theirs.id())));
        assertEquals(Optional.empty(),
                p.transactions().inTransaction(() -> p.loadDomains().findByNameForUpdate(acme.id(), theirs.name())));
        assertEquals(0, p.loadDomains().list(acme.id(), null, PageRequest.firstPage()).total());
        assertEquals(0, p.loadDomains().list(acme.id(), globexPod.id(), PageRequest.firstPage()).total());
        assertEquals(PodOccupancy.EMPTY, p.contents().occupancy(acme.id(), globexPod.id()));
    }

    // ---- pods holding real rows

    @Test
    void aPodHoldingAnInboxIsNotEmptyAndCannotBeRemoved() {
        Opened acme = openAccount();
        Pod pod = insertPod(acme, T0);
        Inbox inbox = insertInbox(acme, pod, uniqueAddress(), T0);

        assertEquals(new PodOccupancy(true, false), p.contents().occupancy(acme.id(), pod.id()));
        assertThrows(PodNotEmptyException.class, () -> p.transactions().inTransaction(() -> p.removePod().remove(pod)));
        assertEquals(pod.id(), p.loadPods().find(acme.id(), new PodRef.ById(pod.id())).orElseThrow().id());

        assertTrue(p.saveInbox().remove(inbox));
        assertEquals(PodOccupancy.EMPTY, p.contents().occupancy(acme.id(), pod.id()));
        p.transactions().inTransaction(() -> p.removePod().remove(pod));
        assertEquals(Optional.empty(), p.loadPods().find(acme.id(), new PodRef.ById(pod.id())));
    }

    @Test
    void aPodOwningAScopedDomainIsNotEmptyAndCannotBeRemoved() {
        Opened acme = openAccount();
        Pod pod = insertPod(acme, T0);
        MailDomain domain = insertDomain(acme, pod, T0);
        MailDomain accountWide = insertDomain(acme, null, T0);
        insertInboxOn(acme, acme.defaultPod(), accountWide);

        assertEquals(new PodOccupancy(false, true), p.contents().occupancy(acme.id(), pod.id()));
        assertThrows(PodHasDomainsException.class, () -> p.transactions().inTransaction(() -> p.removePod().remove(pod)));
        assertEquals(pod.id(), p.loadPods().find(acme.id(), new PodRef.ById(pod.id())).orElseThrow().id());

        assertTrue(p.saveDomain().update(domain.rescope(DomainScope.ACCOUNT_WIDE, Set.of())));
        assertEquals(PodOccupancy.EMPTY, p.contents().occupancy(acme.id(), pod.id()));
        p.transactions().inTransaction(() -> p.removePod().remove(pod));
        assertEquals(Optional.empty(), p.loadPods().find(acme.id(), new PodRef.ById(pod.id())));
    }

    /**
     * Which of the two refusals storage reports when both hold is left open: the database names whichever foreign key
     * it checked first. DeletePod asks for the occupancy before removing, and that reports the inboxes first.
     */
    @Test
    void anInboxInAPodOnADomainScopedToItKeepsBothFromGoing() {
        Opened acme = openAccount();
        Pod pod = insertPod(acme, T0);
        MailDomain domain = insertDomain(acme, pod, T0);
        insertInboxOn(acme, pod, domain);

        assertEquals(new PodOccupancy(true, true), p.contents().occupancy(acme.id(), pod.id()));
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> p.transactions().inTransaction(() -> p.removePod().remove(pod)));
        assertTrue(refused instanceof PodNotEmptyException || refused instanceof PodHasDomainsException,
                refused::toString);
        assertThrows(DomainHasInboxesException.class, () -> p.saveDomain().remove(domain));
        assertEquals(pod.id(), p.loadPods().find(acme.id(), new PodRef.ById(pod.id())).orElseThrow().id());
        assertSameDomain(domain, p.loadDomains().find(acme.id(), domain.id()).orElseThrow());
    }

    // ---- transactions

    @Test
    void aRefusedInsertLeavesTheTransactionUsable() {
        Opened acme = openAccount();
        EmailAddress taken = insertInbox(acme, acme.defaultPod(), uniqueAddress(), T0).address();
        Inbox retry = Inbox.create(acme.id(), acme.defaultPod().id(), uniqueAddress(), null, null, null, T0);

        p.transactions().inTransaction(() -> {
            assertThrows(AddressTakenException.class, () -> p.saveInbox().insert(
                    Inbox.create(acme.id(), acme.defaultPod().id(), taken, null, null, null, T0)));
            p.saveInbox().insert(retry);
        });

        assertSameInbox(retry, p.loadInboxes().find(acme.id(), retry.id()).orElseThrow());
        assertEquals(2, p.loadInboxes().list(acme.id(), null, PageRequest.firstPage()).total());
    }

    @Test
    void aTransactionWhoseWorkThrowsTakesBackInboxesAndDomains() {
        Opened acme = openAccount();
        Pod pod = insertPod(acme, T0);
        Inbox kept = insertInbox(acme, acme.defaultPod(), uniqueAddress(), T0);
        MailDomain keptDomain = insertDomain(acme, null, T0);
        MailDomain newDomain = domain(acme, uniqueDomainName(), DomainScope.of(pod.id()), DomainStatus.PENDING, Map.of(),
                T0, null);
        Inbox newInbox = Inbox.create(acme.id(), pod.id(), new EmailAddress(uniqueMailbox(), newDomain.name()),
                newDomain.id(), null, null, T0);
        IllegalStateException failure = new IllegalStateException("the work failed after its writes");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> p.transactions().inTransaction(() -> {
            p.saveDomain().insert(newDomain);
            p.saveInbox().insert(newInbox);
            p.saveInbox().update(kept.update(Change.to(new DisplayName("Changed")), Change.keep()));
            p.saveDomain().update(keptDomain.rescope(DomainScope.of(pod.id()), Set.of()));
            p.countInboxes().quotaForNewInbox(acme.id());
            throw failure;
        }));

        assertSame(failure, thrown);
        assertEquals(Optional.empty(), p.loadDomains().find(acme.id(), newDomain.id()));
        assertEquals(Optional.empty(), p.loadInboxes().find(acme.id(), newInbox.id()));
        assertNull(p.loadInboxes().find(acme.id(), kept.id()).orElseThrow().displayName());
        assertSame(DomainScope.ACCOUNT_WIDE, p.loadDomains().find(acme.id(), keptDomain.id()).orElseThrow().scope());
        assertEquals(PodOccupancy.EMPTY, p.contents().occupancy(acme.id(), pod.id()));
        assertQuota(1, 10, acme);
    }

    // ---- helpers

    private Opened openAccount() {
        return openAccount(10);
    }

    /** An account of this test's own, with its default pod, as every account has. */
    private Opened openAccount(int inboxLimit) {
        Account account = Account.open(null, new InboxLimit(inboxLimit), T0);
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

    private Pod insertPod(Opened owner, Instant createdAt) {
        Pod pod = Pod.create(owner.id(), null, null, createdAt);
        p.savePod().insert(pod);
        return pod;
    }

    private Inbox insertInbox(Opened owner, Pod pod, EmailAddress address, Instant createdAt) {
        Inbox inbox = Inbox.create(owner.id(), pod.id(), address, null, null, null, createdAt);
        p.saveInbox().insert(inbox);
        return inbox;
    }

    private Inbox insertInboxOn(Opened owner, Pod pod, MailDomain domain) {
        Inbox inbox = Inbox.create(owner.id(), pod.id(), new EmailAddress(uniqueMailbox(), domain.name()), domain.id(),
                null, null, T0);
        p.saveInbox().insert(inbox);
        return inbox;
    }

    /** A pending domain with a unique name, scoped to {@code podOrNull}. */
    private MailDomain insertDomain(Opened owner, Pod podOrNull, Instant createdAt) {
        MailDomain domain = domain(owner, uniqueDomainName(), DomainScope.of(podOrNull == null ? null : podOrNull.id()),
                DomainStatus.PENDING, Map.of(), createdAt, null);
        p.saveDomain().insert(domain);
        return domain;
    }

    private static MailDomain domain(Opened owner, DomainName name, DomainScope scope, DomainStatus status,
                                     Map<DnsRecord.Purpose, RecordStatus> statuses, Instant createdAt,
                                     Instant verifiedAt) {
        return MailDomain.reconstitute(DomainId.generate(), owner.id(), name, scope, status, DKIM,
                TimeOrderedIds.next(), statuses, createdAt, verifiedAt);
    }

    private void assertQuota(long inboxes, int limit, Opened owner) {
        InboxQuota quota = p.transactions().inTransaction(() -> p.countInboxes().quotaForNewInbox(owner.id()));
        assertEquals(new InboxQuota(inboxes, new InboxLimit(limit)), quota);
    }

    private static Map<DnsRecord.Purpose, RecordStatus> allRecords(RecordStatus status) {
        Map<DnsRecord.Purpose, RecordStatus> statuses = new EnumMap<>(DnsRecord.Purpose.class);
        for (DnsRecord.Purpose purpose : DnsRecord.Purpose.values()) {
            statuses.put(purpose, status);
        }
        return statuses;
    }

    private static Map<DnsRecord.Purpose, RecordStatus> statuses(MailDomain domain) {
        Map<DnsRecord.Purpose, RecordStatus> statuses = new EnumMap<>(DnsRecord.Purpose.class);
        for (DnsRecord.Purpose purpose : DnsRecord.Purpose.values()) {
            statuses.put(purpose, domain.recordStatus(purpose));
        }
        return statuses;
    }

    /** Unique within the installation, so that tests sharing a database never collide. */
    private static MailboxName uniqueMailbox() {
        return new MailboxName(TimeOrderedIds.next());
    }

    private static EmailAddress uniqueAddress() {
        return new EmailAddress(uniqueMailbox(), new DomainName("contract.test"));
    }

    private static DomainName uniqueDomainName() {
        return new DomainName(TimeOrderedIds.next() + ".contract.test");
    }

    private static List<InboxId> inboxIds(Page<Inbox> page) {
        return page.items().stream().map(Inbox::id).toList();
    }

    private static List<DomainId> domainIds(Page<MailDomain> page) {
        return page.items().stream().map(MailDomain::id).toList();
    }

    private static void assertSameInbox(Inbox expected, Inbox actual) {
        assertEquals(expected.id(), actual.id());
        assertEquals(expected.accountId(), actual.accountId());
        assertEquals(expected.podId(), actual.podId());
        assertEquals(expected.address(), actual.address());
        assertEquals(expected.domainId(), actual.domainId());
        assertEquals(expected.displayName(), actual.displayName());
        assertEquals(expected.webhookUrl(), actual.webhookUrl());
        assertEquals(expected.webhookSecret(), actual.webhookSecret());
        assertEquals(expected.createdAt(), actual.createdAt());
    }

    private static void assertSameDomain(MailDomain expected, MailDomain actual) {
        assertEquals(expected.id(), actual.id());
        assertEquals(expected.accountId(), actual.accountId());
        assertEquals(expected.name(), actual.name());
        assertEquals(expected.scope(), actual.scope());
        assertEquals(expected.status(), actual.status());
        assertEquals(statuses(expected), statuses(actual));
        assertEquals(expected.dkim(), actual.dkim());
        assertEquals(expected.ownershipToken(), actual.ownershipToken());
        assertEquals(expected.createdAt(), actual.createdAt());
        assertEquals(expected.verifiedAt(), actual.verifiedAt());
    }
}
