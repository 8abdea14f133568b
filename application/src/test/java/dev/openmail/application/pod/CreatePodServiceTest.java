package dev.openmail.application.pod;

import dev.openmail.domain.access.ForbiddenException;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.ClientIdTakenException;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.CreatePod;
import org.junit.jupiter.api.Test;

import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.fakes.Callers.podKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreatePodServiceTest {

    private final PodFixture fixture = new PodFixture();
    private final CreatePodService createPod = new CreatePodService(fixture.transactions, fixture.store, fixture.clock);

    @Test
    void createsAPodOfTheAccountAtTheClocksTime() {
        AccountId account = fixture.account();

        Pod pod = createPod.create(new CreatePod.Command(owner(account), new ClientId("sales"), new Label("Sales")));

        assertEquals(account, pod.accountId());
        assertEquals(new ClientId("sales"), pod.clientId());
        assertEquals(new Label("Sales"), pod.name());
        assertFalse(pod.isDefault());
        assertEquals(PodFixture.NOW, pod.createdAt());
        Pod stored = fixture.store.find(account, new PodRef.ByClientId(new ClientId("sales"))).orElseThrow();
        assertEquals(pod.id(), stored.id());
        assertEquals(PodFixture.NOW, stored.createdAt());
    }

    @Test
    void createsAPodWithoutClientIdOrName() {
        AccountId account = fixture.account();

        Pod pod = createPod.create(new CreatePod.Command(owner(account), null, null));

        assertNull(pod.clientId());
        assertNull(pod.name());
        assertEquals(2, fixture.store.list(account, PageRequest.firstPage()).total());
    }

    @Test
    void aTakenClientIdIsRefusedAndNothingIsCreated() {
        AccountId account = fixture.account();
        Pod first = createPod.create(new CreatePod.Command(owner(account), new ClientId("sales"), null));

        assertThrows(ClientIdTakenException.class,
                () -> createPod.create(new CreatePod.Command(owner(account), new ClientId("sales"), new Label("Again"))));

        assertEquals(2, fixture.store.list(account, PageRequest.firstPage()).total());
        assertEquals(first.id(), fixture.store.find(account, new PodRef.ByClientId(new ClientId("sales"))).orElseThrow().id());
    }

    @Test
    void clientIdsDifferingInCaseOrAccountAreDistinct() {
        AccountId acme = fixture.account();
        AccountId globex = fixture.account();

        createPod.create(new CreatePod.Command(owner(acme), new ClientId("sales"), null));
        createPod.create(new CreatePod.Command(owner(acme), new ClientId("Sales"), null));
        createPod.create(new CreatePod.Command(owner(globex), new ClientId("sales"), null));

        assertEquals(3, fixture.store.list(acme, PageRequest.firstPage()).total());
        assertEquals(2, fixture.store.list(globex, PageRequest.firstPage()).total());
    }

    @Test
    void theCommandNeedsAnAccount() {
        assertThrows(NullPointerException.class, () -> new CreatePod.Command(null, null, null));
        assertNull(new CreatePod.Command(owner(AccountId.generate()), null, null).clientId());
    }

    @Test
    void aPodKeyMayNotCreatePodsAndNothingIsCreated() {
        AccountId account = fixture.account();
        Pod own = fixture.pod(account, "own", null);

        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> createPod.create(new CreatePod.Command(podKey(account, own.id()), new ClientId("new"), null)));

        assertTrue(e.getMessage().contains("pod " + own.id().value()), e.getMessage());
        assertEquals(2, fixture.store.list(account, PageRequest.firstPage()).total());
    }
}
