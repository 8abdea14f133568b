package dev.openmail.application.maildomain;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.maildomain.DomainHasInboxesException;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.out.LoadInboxes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.openmail.application.fakes.Callers.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeleteDomainServiceTest {

    private final DomainFixture fixture = new DomainFixture();
    private final DeleteDomainService deleteDomain =
            new DeleteDomainService(fixture.transactions, fixture.domains, fixture.store, fixture.domains);

    @Test
    void deletesADomainWithoutInboxesAndFreesItsName() {
        AccountId account = fixture.account();
        Pod meridian = fixture.pod(account, "meridian");
        MailDomain domain = fixture.domain(account, "meridian.io", meridian.id());
        MailDomain neighbour = fixture.domain(account, "cedarworks.com", null);
        fixture.inboxOn(neighbour, meridian.id());

        deleteDomain.delete(owner(account), domain.id());

        assertEquals(Optional.empty(), fixture.domains.find(account, domain.id()));
        assertEquals(neighbour.id(), fixture.stored(neighbour).id());
        assertEquals(1, fixture.domains.list(account, null, PageRequest.firstPage()).total());
        fixture.domain(fixture.account(), "meridian.io", null);
    }

    @Test
    void aDomainWithInboxesIsKept() {
        AccountId account = fixture.account();
        MailDomain domain = fixture.domain(account, "meridian.io", null);
        Inbox inbox = fixture.inboxOn(domain, fixture.defaultPod(account).id());

        DomainHasInboxesException e = assertThrows(DomainHasInboxesException.class,
                () -> deleteDomain.delete(owner(account), domain.id()));

        assertTrue(e.getMessage().contains("meridian.io"), e.getMessage());
        assertEquals(domain.id(), fixture.stored(domain).id());
        fixture.store.remove(inbox);
        deleteDomain.delete(owner(account), domain.id());
        assertEquals(Optional.empty(), fixture.domains.find(account, domain.id()));
    }

    @Test
    void storageHasTheLastWordWhenAnInboxArrivesAfterTheCheck() {
        AccountId account = fixture.account();
        MailDomain domain = fixture.domain(account, "meridian.io", null);
        fixture.inboxOn(domain, fixture.defaultPod(account).id());
        DeleteDomainService withStaleCheck = new DeleteDomainService(fixture.transactions, fixture.domains,
                new NoInboxesSeen(), fixture.domains);

        assertThrows(DomainHasInboxesException.class, () -> withStaleCheck.delete(owner(account), domain.id()));

        assertEquals(domain.id(), fixture.stored(domain).id());
    }

    @Test
    void anUnknownDomainOrAnotherAccountsDomainIsNotFound() {
        AccountId account = fixture.account();
        AccountId other = fixture.account();
        MailDomain theirs = fixture.domain(other, "theirs.example", null);

        assertThrows(NotFoundException.class, () -> deleteDomain.delete(owner(account), DomainId.generate()));
        assertThrows(NotFoundException.class, () -> deleteDomain.delete(owner(account), theirs.id()));

        assertEquals(theirs.id(), fixture.stored(theirs).id());
    }

    /** An inbox check that ran before the inbox was committed. */
    private static final class NoInboxesSeen implements LoadInboxes {
        @Override
        public Optional<Inbox> find(AccountId accountId, InboxId id) {
            return Optional.empty();
        }

        @Override
        public Optional<Inbox> findByAddress(String address) {
            return Optional.empty();
        }

        @Override
        public Optional<Inbox> findForUpdate(AccountId accountId, InboxId id) {
            return Optional.empty();
        }

        @Override
        public Page<Inbox> list(AccountId accountId, PodId podOrNull, PageRequest page) {
            return new Page<>(List.of(), 0);
        }

        @Override
        public Set<PodId> podsWithInboxesOn(AccountId accountId, DomainId domainId) {
            return Set.of();
        }
    }
}
