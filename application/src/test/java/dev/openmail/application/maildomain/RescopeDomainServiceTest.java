package dev.openmail.application.maildomain;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.pod.InvalidPodException;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.DomainInUseException;
import dev.openmail.domain.maildomain.DomainScope;
import dev.openmail.domain.maildomain.DomainStatus;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodHasDomainsException;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.out.PodGoneException;
import dev.openmail.domain.port.out.SaveDomain;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.openmail.application.fakes.Callers.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RescopeDomainServiceTest {

    private final DomainFixture fixture = new DomainFixture();
    private final RescopeDomainService rescope = new RescopeDomainService(fixture.transactions, fixture.domains,
            fixture.store, fixture.store, fixture.domains);

    @Test
    void anAccountWideDomainWithoutInboxesMayBeScopedToAnyPod() {
        AccountId account = fixture.account();
        Pod meridian = fixture.pod(account, "meridian");
        MailDomain domain = fixture.domain(account, "meridian.io", null);

        MailDomain scoped = rescope.rescope(owner(account), domain.id(), DomainFixture.byClientId("meridian"));

        assertEquals(DomainScope.of(meridian.id()), scoped.scope());
        assertEquals(DomainScope.of(meridian.id()), fixture.stored(domain).scope());
        assertThrows(PodHasDomainsException.class,
                () -> fixture.transactions.inTransaction(() -> fixture.store.remove(meridian)));
    }

    @Test
    void aDomainMayBeScopedToThePodThatHoldsAllItsInboxes() {
        AccountId account = fixture.account();
        Pod meridian = fixture.pod(account, "meridian");
        MailDomain domain = fixture.domain(account, "meridian.io", null);
        fixture.inboxOn(domain, meridian.id());
        fixture.inboxOn(domain, meridian.id());

        MailDomain scoped = rescope.rescope(owner(account), domain.id(), new PodRef.ById(meridian.id()));

        assertEquals(DomainScope.of(meridian.id()), scoped.scope());
        assertEquals(DomainScope.of(meridian.id()), fixture.stored(domain).scope());
    }

    @Test
    void aDomainWithInboxesInAnotherPodStaysAsItIs() {
        AccountId account = fixture.account();
        Pod meridian = fixture.pod(account, "meridian");
        Pod cedar = fixture.pod(account, "cedar");
        MailDomain domain = fixture.domain(account, "relaystack.com", null);
        fixture.inboxOn(domain, meridian.id());
        fixture.inboxOn(domain, cedar.id());
        MailDomain scopedToCedar = fixture.domain(account, "cedarworks.com", cedar.id());
        fixture.inboxOn(scopedToCedar, cedar.id());

        assertThrows(DomainInUseException.class,
                () -> rescope.rescope(owner(account), domain.id(), DomainFixture.byClientId("meridian")));
        assertThrows(DomainInUseException.class,
                () -> rescope.rescope(owner(account), scopedToCedar.id(), DomainFixture.byClientId("meridian")));

        assertSame(DomainScope.ACCOUNT_WIDE, fixture.stored(domain).scope());
        assertEquals(DomainScope.of(cedar.id()), fixture.stored(scopedToCedar).scope());
    }

    @Test
    void aScopedDomainMayAlwaysBecomeAccountWide() {
        AccountId account = fixture.account();
        Pod meridian = fixture.pod(account, "meridian");
        MailDomain domain = fixture.domain(account, "meridian.io", meridian.id());
        Inbox inbox = fixture.inboxOn(domain, meridian.id());

        MailDomain widened = rescope.rescope(owner(account), domain.id(), null);

        assertSame(DomainScope.ACCOUNT_WIDE, widened.scope());
        assertSame(DomainScope.ACCOUNT_WIDE, fixture.stored(domain).scope());
        // The pod no longer owns the domain: once its inbox is gone it may be deleted.
        fixture.store.remove(inbox);
        fixture.transactions.inTransaction(() -> fixture.store.remove(meridian));
        assertEquals(Optional.empty(), fixture.store.find(account, new PodRef.ById(meridian.id())));
    }

    @Test
    void rescopingKeepsTheVerificationState() {
        AccountId account = fixture.account();
        fixture.pod(account, "meridian");
        MailDomain domain = fixture.domain(account, "meridian.io", null);
        fixture.dns.publishAll(domain, DomainFixture.MX_HOST);
        new VerifyDomainService(fixture.transactions, fixture.domains, fixture.domains, fixture.dns,
                DomainFixture.MX_HOST, fixture.clock).verify(owner(account), domain.id());

        MailDomain scoped = rescope.rescope(owner(account), domain.id(), DomainFixture.byClientId("meridian"));

        assertEquals(DomainStatus.VERIFIED, scoped.status());
        assertEquals(DomainStatus.VERIFIED, fixture.stored(domain).status());
        assertEquals(DomainFixture.NOW, fixture.stored(domain).verifiedAt());
    }

    @Test
    void anUnknownPodOrAnotherAccountsPodIsInvalid() {
        AccountId account = fixture.account();
        AccountId other = fixture.account();
        Pod theirs = fixture.pod(other, "theirs");
        MailDomain domain = fixture.domain(account, "meridian.io", null);

        assertThrows(InvalidPodException.class,
                () -> rescope.rescope(owner(account), domain.id(), DomainFixture.byClientId("nobody")));
        assertThrows(InvalidPodException.class,
                () -> rescope.rescope(owner(account), domain.id(), new PodRef.ById(PodId.generate())));
        assertThrows(InvalidPodException.class, () -> rescope.rescope(owner(account), domain.id(), new PodRef.ById(theirs.id())));

        assertSame(DomainScope.ACCOUNT_WIDE, fixture.stored(domain).scope());
    }

    @Test
    void aPodDeletedBeforeTheWriteIsInvalid() {
        AccountId account = fixture.account();
        fixture.pod(account, "doomed");
        MailDomain domain = fixture.domain(account, "meridian.io", null);
        SaveDomain podGone = new SaveDomain() {
            @Override
            public void insert(MailDomain d) {
                throw new AssertionError("not expected");
            }

            @Override
            public boolean update(MailDomain d) {
                throw new PodGoneException();
            }

            @Override
            public boolean remove(MailDomain d) {
                throw new AssertionError("not expected");
            }
        };
        RescopeDomainService racy = new RescopeDomainService(fixture.transactions, fixture.domains, fixture.store,
                fixture.store, podGone);

        assertThrows(InvalidPodException.class,
                () -> racy.rescope(owner(account), domain.id(), DomainFixture.byClientId("doomed")));
    }

    @Test
    void anUnknownDomainOrAnotherAccountsDomainIsNotFound() {
        AccountId account = fixture.account();
        AccountId other = fixture.account();
        MailDomain theirs = fixture.domain(other, "theirs.example", null);

        assertThrows(NotFoundException.class, () -> rescope.rescope(owner(account), DomainId.generate(), null));
        assertThrows(NotFoundException.class, () -> rescope.rescope(owner(account), theirs.id(), null));
    }
}
