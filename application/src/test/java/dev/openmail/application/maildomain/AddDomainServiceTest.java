package dev.openmail.application.maildomain;

import dev.openmail.domain.access.ForbiddenException;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.maildomain.DnsRecord;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.DomainScope;
import dev.openmail.domain.maildomain.DomainStatus;
import dev.openmail.domain.maildomain.DomainTakenException;
import dev.openmail.domain.maildomain.InstallationDomain;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.maildomain.PendingDomainLimitReachedException;
import dev.openmail.domain.maildomain.PendingDomains;
import dev.openmail.domain.maildomain.RecordStatus;
import dev.openmail.domain.pod.InvalidPodException;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.AddDomain;
import dev.openmail.domain.port.out.PodGoneException;
import dev.openmail.domain.port.out.SaveDomain;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.openmail.application.fakes.Callers.inboxKey;
import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.fakes.Callers.podKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddDomainServiceTest {

    private static final DomainName INSTALLATION_DOMAIN = new DomainName("openmail.test");

    @Test
    void theInstallationsOwnDomainCannotBeClaimedByAnAccount() {
        AccountId account = fixture.account();

        assertThrows(DomainTakenException.class,
                () -> addDomain.add(new AddDomain.Command(owner(account), INSTALLATION_DOMAIN, null)));
    }

    private static final PendingDomains PENDING = new PendingDomains(3, Duration.ofDays(7));

    private final DomainFixture fixture = new DomainFixture();
    private final AddDomainService addDomain =
            new AddDomainService(fixture.transactions, fixture.store, fixture.store, fixture.domains, fixture.domains,
                    new InstallationDomain(INSTALLATION_DOMAIN), PENDING, fixture.clock);

    @Test
    void withoutAPodTheDomainIsAccountWideAndPending() {
        AccountId account = fixture.account();

        MailDomain domain = addDomain.add(new AddDomain.Command(owner(account), name("Relaystack.COM"), null));

        assertEquals(account, domain.accountId());
        assertEquals(new DomainName("relaystack.com"), domain.name());
        assertSame(DomainScope.ACCOUNT_WIDE, domain.scope());
        assertEquals(DomainStatus.PENDING, domain.status());
        assertEquals(RecordStatus.MISSING, domain.recordStatus(DnsRecord.Purpose.MX));
        assertEquals(DomainFixture.NOW, domain.createdAt());
        assertNull(domain.verifiedAt());
        MailDomain stored = fixture.stored(domain);
        assertEquals(domain.name(), stored.name());
        assertEquals(domain.dkim(), stored.dkim());
        assertEquals(domain.ownershipToken(), stored.ownershipToken());
    }

    @Test
    void aPodNamedByClientIdOrIdScopesTheDomain() {
        AccountId account = fixture.account();
        Pod meridian = fixture.pod(account, "meridian");
        Pod cedar = fixture.pod(account, null);

        MailDomain byClientId = addDomain.add(new AddDomain.Command(owner(account), name("meridian.io"),
                DomainFixture.byClientId("meridian")));
        MailDomain byId = addDomain.add(new AddDomain.Command(owner(account), name("cedarworks.com"),
                new PodRef.ById(cedar.id())));

        assertEquals(DomainScope.of(meridian.id()), byClientId.scope());
        assertEquals(DomainScope.of(cedar.id()), byId.scope());
        assertEquals(DomainScope.of(meridian.id()), fixture.stored(byClientId).scope());
    }

    @Test
    void anUnknownPodOrAnotherAccountsPodIsInvalidAndNothingIsAdded() {
        AccountId account = fixture.account();
        AccountId other = fixture.account();
        Pod theirs = fixture.pod(other, "theirs");

        InvalidPodException e = assertThrows(InvalidPodException.class, () -> addDomain.add(
                new AddDomain.Command(owner(account), name("meridian.io"), DomainFixture.byClientId("nobody"))));
        assertTrue(e.getMessage().contains("'nobody'"), e.getMessage());
        assertThrows(InvalidPodException.class, () -> addDomain.add(
                new AddDomain.Command(owner(account), name("meridian.io"), new PodRef.ById(PodId.generate()))));
        assertThrows(InvalidPodException.class, () -> addDomain.add(
                new AddDomain.Command(owner(account), name("meridian.io"), new PodRef.ById(theirs.id()))));

        assertEquals(0, fixture.domains.list(account, null, PageRequest.firstPage()).total());
        assertEquals(0, fixture.domains.list(other, null, PageRequest.firstPage()).total());
    }

    @Test
    void aPodDeletedWhileTheDomainIsStoredIsInvalid() {
        AccountId account = fixture.account();
        fixture.pod(account, "doomed");
        SaveDomain podGone = new SaveDomain() {
            @Override
            public void insert(MailDomain domain) {
                throw new PodGoneException();
            }

            @Override
            public boolean update(MailDomain domain) {
                throw new AssertionError("not expected");
            }

            @Override
            public boolean remove(MailDomain domain) {
                throw new AssertionError("not expected");
            }
        };
        AddDomainService racy = new AddDomainService(fixture.transactions, fixture.store, fixture.store,
                fixture.domains, podGone, new InstallationDomain(INSTALLATION_DOMAIN), PENDING, fixture.clock);

        assertThrows(InvalidPodException.class, () -> racy.add(
                new AddDomain.Command(owner(account), name("meridian.io"), DomainFixture.byClientId("doomed"))));
    }

    @Test
    void aNameAddedBeforeIsTakenInAnyAccount() {
        AccountId acme = fixture.account();
        AccountId globex = fixture.account();
        MailDomain first = addDomain.add(new AddDomain.Command(owner(acme), name("meridian.io"), null));

        assertThrows(DomainTakenException.class, () -> addDomain.add(new AddDomain.Command(owner(acme), name("MERIDIAN.io."), null)));
        DomainTakenException e = assertThrows(DomainTakenException.class,
                () -> addDomain.add(new AddDomain.Command(owner(globex), name("meridian.io"), null)));

        assertTrue(e.getMessage().contains("meridian.io"), e.getMessage());
        assertEquals(1, fixture.domains.list(acme, null, PageRequest.firstPage()).total());
        assertEquals(0, fixture.domains.list(globex, null, PageRequest.firstPage()).total());
        assertEquals(first.dkim(), fixture.stored(first).dkim());
    }

    @Test
    void theCommandNeedsAnAccountAndAName() {
        assertThrows(NullPointerException.class, () -> new AddDomain.Command(null, name("a.com"), null));
        assertThrows(NullPointerException.class, () -> new AddDomain.Command(owner(AccountId.generate()), null, null));
    }

    // ---- scoped keys

    @Test
    void aPodKeyMayNotAddDomainsEvenForItsOwnPodAndNothingIsAdded() {
        AccountId account = fixture.account();
        Pod meridian = fixture.pod(account, "meridian");

        ForbiddenException scoped = assertThrows(ForbiddenException.class, () -> addDomain.add(new AddDomain.Command(
                podKey(account, meridian.id()), name("meridian.io"), new PodRef.ById(meridian.id()))));
        assertThrows(ForbiddenException.class, () -> addDomain.add(
                new AddDomain.Command(podKey(account, meridian.id()), name("meridian.io"), null)));

        assertTrue(scoped.getMessage().contains("pod " + meridian.id().value()), scoped.getMessage());
        assertTrue(scoped.getMessage().contains("account-wide key"), scoped.getMessage());
        assertEquals(0, fixture.domains.list(account, null, PageRequest.firstPage()).total());
    }

    @Test
    void anInboxKeyMayNotAddDomains() {
        AccountId account = fixture.account();
        Inbox inbox = fixture.store.addInbox(account, fixture.defaultPod(account).id());

        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> addDomain.add(new AddDomain.Command(inboxKey(inbox), name("meridian.io"), null)));

        assertTrue(e.getMessage().contains("inbox " + inbox.id().value()), e.getMessage());
        assertEquals(0, fixture.domains.list(account, null, PageRequest.firstPage()).total());
    }

    private static DomainName name(String text) {
        return DomainName.parse("domain", text);
    }

    @Test
    void anAccountHoldsAtMostItsLimitOfNeverVerifiedDomains() {
        AccountId account = fixture.account();
        for (int i = 0; i < 3; i++) {
            addDomain.add(new AddDomain.Command(owner(account), name("pending-" + i + ".example.com"), null));
        }

        PendingDomainLimitReachedException refused = assertThrows(PendingDomainLimitReachedException.class,
                () -> addDomain.add(new AddDomain.Command(owner(account), name("one-more.example.com"), null)));

        assertTrue(refused.getMessage().contains("3"), refused.getMessage());
        AccountId other = fixture.account();
        addDomain.add(new AddDomain.Command(owner(other), name("other.example.com"), null));
    }
}
