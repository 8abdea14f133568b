package dev.openmail.domain.maildomain;

import dev.openmail.domain.pod.PodId;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainScopeTest {

    private static final PodId POD = PodId.generate();
    private static final PodId OTHER = PodId.generate();

    @Test
    void noPodMeansAccountWide() {
        assertSame(DomainScope.ACCOUNT_WIDE, DomainScope.of(null));
        assertNull(DomainScope.ACCOUNT_WIDE.podOrNull());
    }

    @Test
    void aPodMeansScopedToIt() {
        assertEquals(new DomainScope.PodScoped(POD), DomainScope.of(POD));
        assertEquals(POD, DomainScope.of(POD).podOrNull());
    }

    @Test
    void anAccountWideDomainAllowsEveryPod() {
        assertTrue(DomainScope.ACCOUNT_WIDE.allows(POD));
        assertTrue(DomainScope.ACCOUNT_WIDE.allows(OTHER));
    }

    @Test
    void aScopedDomainAllowsOnlyItsPod() {
        assertTrue(DomainScope.of(POD).allows(POD));
        assertTrue(DomainScope.of(POD).allows(new PodId(POD.value())));
        assertFalse(DomainScope.of(POD).allows(OTHER));
    }

    @Test
    void accountWideCoversInboxesInAnyPods() {
        assertTrue(DomainScope.ACCOUNT_WIDE.coversAll(Set.of()));
        assertTrue(DomainScope.ACCOUNT_WIDE.coversAll(Set.of(POD, OTHER)));
    }

    @Test
    void aPodScopeCoversOnlyInboxesAllInThatPod() {
        assertTrue(DomainScope.of(POD).coversAll(Set.of()));
        assertTrue(DomainScope.of(POD).coversAll(Set.of(POD)));
        assertFalse(DomainScope.of(POD).coversAll(Set.of(POD, OTHER)));
        assertFalse(DomainScope.of(POD).coversAll(Set.of(OTHER)));
    }

    @Test
    void aScopeNeedsItsPod() {
        assertThrows(NullPointerException.class, () -> new DomainScope.PodScoped(null));
    }
}
