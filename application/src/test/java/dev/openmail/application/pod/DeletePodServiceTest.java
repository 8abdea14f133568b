package dev.openmail.application.pod;

import dev.openmail.application.account.RecentKeys;
import dev.openmail.domain.access.ForbiddenException;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.DefaultPodException;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodHasDomainsException;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.pod.PodNotEmptyException;
import dev.openmail.domain.pod.PodOccupancy;
import dev.openmail.domain.pod.PodRef;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.fakes.Callers.podKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeletePodServiceTest {

    private final PodFixture fixture = new PodFixture();
    private final DeletePodService deletePod =
            new DeletePodService(fixture.transactions, fixture.store, fixture.store, fixture.store, new RecentKeys());

    @Test
    void deletesAnEmptyPodById() {
        AccountId account = fixture.account();
        Pod pod = fixture.pod(account, null, null);

        deletePod.delete(owner(account), new PodRef.ById(pod.id()));

        assertEquals(Optional.empty(), fixture.store.find(account, new PodRef.ById(pod.id())));
        assertEquals(1, fixture.store.list(account, PageRequest.firstPage()).total());
    }

    @Test
    void deletesAnEmptyPodByClientId() {
        AccountId account = fixture.account();
        Pod pod = fixture.pod(account, "temp", null);

        deletePod.delete(owner(account), byClientId("temp"));

        assertEquals(Optional.empty(), fixture.store.find(account, new PodRef.ById(pod.id())));
    }

    @Test
    void inboxesAreReportedBeforeDomains() {
        AccountId account = fixture.account();
        Pod pod = fixture.pod(account, "busy", null);
        fixture.store.addScopedDomain(account, pod.id());
        fixture.store.addInbox(account, pod.id());

        assertThrows(PodNotEmptyException.class, () -> deletePod.delete(owner(account), byClientId("busy")));

        assertStillThere(account, pod);
    }

    @Test
    void aPodThatOwnsDomainsIsKept() {
        AccountId account = fixture.account();
        Pod pod = fixture.pod(account, "owner", null);
        fixture.store.addScopedDomain(account, pod.id());

        assertThrows(PodHasDomainsException.class, () -> deletePod.delete(owner(account), byClientId("owner")));

        assertStillThere(account, pod);
    }

    @Test
    void theDefaultPodIsKeptAndItsContentsAreReportedFirst() {
        AccountId account = fixture.account();
        Pod defaultPod = fixture.store.list(account, PageRequest.firstPage()).items().get(0);
        PodRef ref = new PodRef.ById(defaultPod.id());

        assertThrows(DefaultPodException.class, () -> deletePod.delete(owner(account), ref));
        fixture.store.addScopedDomain(account, defaultPod.id());
        assertThrows(PodHasDomainsException.class, () -> deletePod.delete(owner(account), ref));
        fixture.store.addInbox(account, defaultPod.id());
        assertThrows(PodNotEmptyException.class, () -> deletePod.delete(owner(account), ref));

        assertStillThere(account, defaultPod);
    }

    @Test
    void anUnknownPodIsNotFound() {
        AccountId account = fixture.account();

        assertThrows(NotFoundException.class, () -> deletePod.delete(owner(account), new PodRef.ById(PodId.generate())));
        NotFoundException e = assertThrows(NotFoundException.class, () -> deletePod.delete(owner(account), byClientId("nobody")));
        assertTrue(e.getMessage().contains("'nobody'"), e.getMessage());
    }

    @Test
    void anotherAccountsPodIsNotFoundAndKept() {
        AccountId acme = fixture.account();
        AccountId globex = fixture.account();
        Pod globexPod = fixture.pod(globex, "theirs", null);

        assertThrows(NotFoundException.class, () -> deletePod.delete(owner(acme), new PodRef.ById(globexPod.id())));
        assertThrows(NotFoundException.class, () -> deletePod.delete(owner(acme), byClientId("theirs")));

        assertStillThere(globex, globexPod);
    }

    @Test
    void storageHasTheLastWordWhenAnInboxArrivesAfterTheCheck() {
        AccountId account = fixture.account();
        Pod pod = fixture.pod(account, "racy", null);
        fixture.store.addInbox(account, pod.id());
        // The occupancy read saw the pod empty; the inbox row was committed just after it.
        DeletePodService withStaleCheck =
                new DeletePodService(fixture.transactions, fixture.store, (a, p) -> PodOccupancy.EMPTY, fixture.store,
                        new RecentKeys());

        assertThrows(PodNotEmptyException.class, () -> withStaleCheck.delete(owner(account), byClientId("racy")));

        assertStillThere(account, pod);
    }

    @Test
    void aPodKeyMayNotDeleteEvenItsOwnPod() {
        AccountId account = fixture.account();
        Pod pod = fixture.pod(account, "own", null);

        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> deletePod.delete(podKey(account, pod.id()), new PodRef.ById(pod.id())));

        assertTrue(e.getMessage().contains("pod " + pod.id().value()), e.getMessage());
        assertStillThere(account, pod);
    }

    private void assertStillThere(AccountId account, Pod pod) {
        assertEquals(pod.id(), fixture.store.find(account, new PodRef.ById(pod.id())).orElseThrow().id());
    }

    private static PodRef byClientId(String clientId) {
        return new PodRef.ByClientId(new ClientId(clientId));
    }
}
