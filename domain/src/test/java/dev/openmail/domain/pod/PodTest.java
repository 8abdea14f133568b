package dev.openmail.domain.pod;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.Label;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PodTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private static final AccountId ACCOUNT = AccountId.generate();

    private final Pod pod = Pod.create(ACCOUNT, new ClientId("sales"), new Label("Sales"), NOW);
    private final Pod defaultPod = Pod.createDefault(ACCOUNT, NOW);

    @Test
    void aCreatedPodIsNotTheDefault() {
        assertFalse(pod.isDefault());
        assertEquals(ACCOUNT, pod.accountId());
        assertEquals(new ClientId("sales"), pod.clientId());
        assertEquals(new Label("Sales"), pod.name());
        assertEquals(NOW, pod.createdAt());
        assertTrue(PodId.isWellFormed(pod.id().value()));
    }

    @Test
    void theDefaultPodIsNamedDefaultAndHasNoClientId() {
        assertTrue(defaultPod.isDefault());
        assertNull(defaultPod.clientId());
        assertEquals(new Label("Default"), defaultPod.name());
        assertEquals(NOW, defaultPod.createdAt());
        assertNotEquals(pod.id(), defaultPod.id());
    }

    @Test
    void anEmptyPodThatIsNotTheDefaultMayBeDeleted() {
        assertDoesNotThrow(() -> pod.ensureDeletable(PodOccupancy.EMPTY));
        assertDoesNotThrow(() -> pod.ensureDeletable(new PodOccupancy(false, false)));
    }

    @Test
    void inboxesAreCheckedFirst() {
        assertThrows(PodNotEmptyException.class, () -> pod.ensureDeletable(new PodOccupancy(true, false)));
        assertThrows(PodNotEmptyException.class, () -> pod.ensureDeletable(new PodOccupancy(true, true)));
        assertThrows(PodNotEmptyException.class, () -> defaultPod.ensureDeletable(new PodOccupancy(true, true)));
        assertThrows(PodNotEmptyException.class, () -> defaultPod.ensureDeletable(new PodOccupancy(true, false)));
    }

    @Test
    void scopedDomainsAreCheckedBeforeTheDefaultFlag() {
        assertThrows(PodHasDomainsException.class, () -> pod.ensureDeletable(new PodOccupancy(false, true)));
        assertThrows(PodHasDomainsException.class, () -> defaultPod.ensureDeletable(new PodOccupancy(false, true)));
    }

    @Test
    void anEmptyDefaultPodMayNotBeDeleted() {
        assertThrows(DefaultPodException.class, () -> defaultPod.ensureDeletable(PodOccupancy.EMPTY));
    }

    @Test
    void refusalsNameThePodByClientIdOrElseById() {
        PodNotEmptyException byClientId = assertThrows(PodNotEmptyException.class,
                () -> pod.ensureDeletable(new PodOccupancy(true, false)));
        assertTrue(byClientId.getMessage().startsWith("Pod 'sales'"), byClientId.getMessage());
        assertEquals(pod.id(), byClientId.podId(), "named so that an adapter can say how to list its inboxes");

        Pod anonymous = Pod.create(ACCOUNT, null, null, NOW);
        PodHasDomainsException byId = assertThrows(PodHasDomainsException.class,
                () -> anonymous.ensureDeletable(new PodOccupancy(false, true)));
        assertTrue(byId.getMessage().startsWith("Pod " + anonymous.id()), byId.getMessage());
    }

    @Test
    void updateKeepsWhatIsNotChanged() {
        Pod same = pod.update(Change.keep(), Change.keep());
        assertPodFields(same, new ClientId("sales"), new Label("Sales"));
    }

    @Test
    void updateSetsAndClearsFields() {
        Pod renamed = pod.update(Change.to(new ClientId("sales-eu")), Change.to(new Label("Sales EU")));
        assertPodFields(renamed, new ClientId("sales-eu"), new Label("Sales EU"));

        Pod cleared = pod.update(Change.to(null), Change.to(null));
        assertPodFields(cleared, null, null);

        Pod onlyNameCleared = pod.update(Change.keep(), Change.to(null));
        assertPodFields(onlyNameCleared, new ClientId("sales"), null);
    }

    @Test
    void updateReturnsANewPodAndLeavesTheOriginalAlone() {
        pod.update(Change.to(null), Change.to(null));
        assertEquals(new ClientId("sales"), pod.clientId());
        assertEquals(new Label("Sales"), pod.name());
    }

    @Test
    void updatingTheDefaultPodKeepsItTheDefault() {
        Pod updated = defaultPod.update(Change.to(new ClientId("main")), Change.keep());
        assertTrue(updated.isDefault());
        assertEquals(new ClientId("main"), updated.clientId());
        assertEquals(new Label("Default"), updated.name());
    }

    @Test
    void reconstituteRestoresEveryField() {
        PodId id = PodId.generate();
        Pod restored = Pod.reconstitute(id, ACCOUNT, new ClientId("x"), new Label("X"), true, NOW);
        assertEquals(id, restored.id());
        assertEquals(ACCOUNT, restored.accountId());
        assertEquals(new ClientId("x"), restored.clientId());
        assertEquals(new Label("X"), restored.name());
        assertTrue(restored.isDefault());
        assertEquals(NOW, restored.createdAt());
    }

    @Test
    void aPodNeedsAnIdAnAccountAndACreationTime() {
        assertThrows(NullPointerException.class, () -> Pod.reconstitute(null, ACCOUNT, null, null, false, NOW));
        assertThrows(NullPointerException.class, () -> Pod.reconstitute(PodId.generate(), null, null, null, false, NOW));
        assertThrows(NullPointerException.class, () -> Pod.create(ACCOUNT, null, null, null));
    }

    private void assertPodFields(Pod updated, ClientId clientId, Label name) {
        assertEquals(pod.id(), updated.id());
        assertEquals(pod.accountId(), updated.accountId());
        assertEquals(pod.isDefault(), updated.isDefault());
        assertEquals(pod.createdAt(), updated.createdAt());
        assertEquals(clientId, updated.clientId());
        assertEquals(name, updated.name());
    }
}
