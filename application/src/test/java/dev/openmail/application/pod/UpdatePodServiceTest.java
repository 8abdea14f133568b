package dev.openmail.application.pod;

import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.ClientIdTakenException;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.UpdatePod;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.openmail.application.fakes.Callers.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpdatePodServiceTest {

    private final PodFixture fixture = new PodFixture();
    private final UpdatePodService updatePod = new UpdatePodService(fixture.transactions, fixture.store, fixture.store);

    @Test
    void keepLeavesAFieldAsItIs() {
        AccountId account = fixture.account();
        Pod pod = fixture.pod(account, "sales", "Sales");

        Pod updated = updatePod.update(new UpdatePod.Command(owner(account), byId(pod), Change.keep(), Change.to(new Label("Revenue"))));

        assertEquals(new ClientId("sales"), updated.clientId());
        assertEquals(new Label("Revenue"), updated.name());
        Pod stored = stored(account, pod);
        assertEquals(new ClientId("sales"), stored.clientId());
        assertEquals(new Label("Revenue"), stored.name());
    }

    @Test
    void changeToNullClearsAField() {
        AccountId account = fixture.account();
        Pod pod = fixture.pod(account, "sales", "Sales");

        Pod updated = updatePod.update(new UpdatePod.Command(owner(account), byClientId("sales"), Change.to(null), Change.keep()));

        assertNull(updated.clientId());
        assertEquals(new Label("Sales"), updated.name());
        assertNull(stored(account, pod).clientId());
        assertEquals(new Label("Sales"), stored(account, pod).name());
        assertEquals(Optional.empty(), fixture.store.find(account, byClientId("sales")));
    }

    @Test
    void keepingBothFieldsChangesNothing() {
        AccountId account = fixture.account();
        Pod pod = fixture.pod(account, "sales", "Sales");

        Pod updated = updatePod.update(new UpdatePod.Command(owner(account), byId(pod), Change.keep(), Change.keep()));

        assertEquals(new ClientId("sales"), updated.clientId());
        assertEquals(new Label("Sales"), updated.name());
        assertEquals(pod.createdAt(), updated.createdAt());
    }

    @Test
    void aPodAddressedByItsClientIdCanTakeANewOne() {
        AccountId account = fixture.account();
        Pod pod = fixture.pod(account, "old", null);

        updatePod.update(new UpdatePod.Command(owner(account), byClientId("old"), Change.to(new ClientId("new")), Change.keep()));

        assertEquals(pod.id(), fixture.store.find(account, byClientId("new")).orElseThrow().id());
        assertEquals(Optional.empty(), fixture.store.find(account, byClientId("old")));
    }

    @Test
    void theDefaultPodStaysTheDefault() {
        AccountId account = fixture.account();
        Pod defaultPod = fixture.store.list(account, PageRequest.firstPage()).items().get(0);

        Pod updated = updatePod.update(new UpdatePod.Command(owner(account), byId(defaultPod),
                Change.to(new ClientId("main")), Change.to(new Label("Main"))));

        assertTrue(updated.isDefault());
        assertTrue(stored(account, defaultPod).isDefault());
        assertEquals(new ClientId("main"), stored(account, defaultPod).clientId());
    }

    @Test
    void aTakenClientIdIsRefusedAndThePodIsUnchanged() {
        AccountId account = fixture.account();
        fixture.pod(account, "sales", null);
        Pod support = fixture.pod(account, "support", "Support");

        assertThrows(ClientIdTakenException.class, () -> updatePod.update(new UpdatePod.Command(owner(account), byId(support),
                Change.to(new ClientId("sales")), Change.to(new Label("Changed")))));

        assertEquals(new ClientId("support"), stored(account, support).clientId());
        assertEquals(new Label("Support"), stored(account, support).name());
    }

    @Test
    void anUnknownOrForeignPodIsNotFound() {
        AccountId acme = fixture.account();
        AccountId globex = fixture.account();
        Pod globexPod = fixture.pod(globex, "secret", "Secret");

        assertThrows(NotFoundException.class, () -> updatePod.update(
                new UpdatePod.Command(owner(acme), byId(globexPod), Change.keep(), Change.to(new Label("Mine")))));
        assertThrows(NotFoundException.class, () -> updatePod.update(
                new UpdatePod.Command(owner(acme), byClientId("secret"), Change.keep(), Change.to(new Label("Mine")))));

        assertEquals(new Label("Secret"), stored(globex, globexPod).name());
    }

    @Test
    void aPodRemovedBetweenReadingAndSavingIsNotFound() {
        InMemoryStore racing = new InMemoryStore() {
            @Override
            public synchronized Optional<Pod> find(AccountId accountId, PodRef ref) {
                Optional<Pod> found = super.find(accountId, ref);
                // another request deletes the pod right after this one read it
                found.ifPresent(this::remove);
                return found;
            }
        };
        PodFixture racingFixture = new PodFixture(racing);
        AccountId account = racingFixture.account();
        racingFixture.pod(account, "fleeting", null);
        UpdatePodService service = new UpdatePodService(racingFixture.transactions, racing, racing);

        NotFoundException e = assertThrows(NotFoundException.class, () -> service.update(
                new UpdatePod.Command(owner(account), byClientId("fleeting"), Change.keep(), Change.to(new Label("x")))));

        assertTrue(e.getMessage().contains("'fleeting'"), e.getMessage());
    }

    @Test
    void theCommandNeedsEveryPart() {
        AccountId account = AccountId.generate();
        PodRef ref = byClientId("x");
        assertThrows(NullPointerException.class, () -> new UpdatePod.Command(null, ref, Change.keep(), Change.keep()));
        assertThrows(NullPointerException.class, () -> new UpdatePod.Command(owner(account), null, Change.keep(), Change.keep()));
        assertThrows(NullPointerException.class, () -> new UpdatePod.Command(owner(account), ref, null, Change.keep()));
        assertThrows(NullPointerException.class, () -> new UpdatePod.Command(owner(account), ref, Change.keep(), null));
    }

    private Pod stored(AccountId account, Pod pod) {
        return fixture.store.find(account, byId(pod)).orElseThrow();
    }

    private static PodRef byId(Pod pod) {
        return new PodRef.ById(pod.id());
    }

    private static PodRef byClientId(String clientId) {
        return new PodRef.ByClientId(new ClientId(clientId));
    }
}
