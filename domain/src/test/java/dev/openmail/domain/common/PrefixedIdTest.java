package dev.openmail.domain.common;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.pod.PodId;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrefixedIdTest {

    private static final String BODY = "01hzy3x5k2m7n8p9qrstvwxyz0";

    @Test
    void generatedIdsCarryTheirPrefixAndAWellFormedBody() {
        String id = PrefixedId.generate("inb_");
        assertTrue(id.startsWith("inb_"));
        assertEquals(4 + 26, id.length());
        assertTrue(TimeOrderedIds.isWellFormed(id.substring(4)));
        assertTrue(PrefixedId.matches("inb_", id));
    }

    @Test
    void matchesOnlyTheRightPrefixFollowedByAWellFormedBody() {
        assertTrue(PrefixedId.matches("pod_", "pod_" + BODY));
        assertFalse(PrefixedId.matches("inb_", "pod_" + BODY));
        assertFalse(PrefixedId.matches("pod_", "POD_" + BODY));
        assertFalse(PrefixedId.matches("pod_", BODY));
        assertFalse(PrefixedId.matches("pod_", "pod_"));
        assertFalse(PrefixedId.matches("pod_", "pod_" + BODY + "0"));
        assertFalse(PrefixedId.matches("pod_", "pod_" + BODY.toUpperCase()));
        assertFalse(PrefixedId.matches("pod_", null));
    }

    @Test
    void requireReturnsAMatchingValueAndRefusesOthers() {
        String value = "key_" + BODY;
        assertSame(value, PrefixedId.require("key_", value));
        assertThrows(IllegalArgumentException.class, () -> PrefixedId.require("key_", "pod_" + BODY));
        assertThrows(IllegalArgumentException.class, () -> PrefixedId.require("key_", null));
    }

    @Test
    void typedIdsGenerateWithTheirOwnPrefix() {
        assertTrue(PodId.generate().value().startsWith("pod_"));
        assertTrue(AccountId.generate().value().startsWith("acc_"));
        assertTrue(ApiKeyId.generate().value().startsWith("key_"));
        assertTrue(PodId.isWellFormed(PodId.generate().value()));
        assertTrue(AccountId.isWellFormed(AccountId.generate().value()));
    }

    @Test
    void typedIdsRefuseAnotherTypesIdOrGarbage() {
        assertThrows(IllegalArgumentException.class, () -> new PodId("acc_" + BODY));
        assertThrows(IllegalArgumentException.class, () -> new PodId(null));
        assertThrows(IllegalArgumentException.class, () -> new PodId("pod_short"));
        assertThrows(IllegalArgumentException.class, () -> new AccountId("pod_" + BODY));
        assertThrows(IllegalArgumentException.class, () -> new ApiKeyId("acc_" + BODY));
        assertFalse(PodId.isWellFormed("acc_" + BODY));
        assertFalse(AccountId.isWellFormed("acc_" + BODY + "x"));
    }

    @Test
    void typedIdsAreValuesThatPrintAsTheirString() {
        PodId id = new PodId("pod_" + BODY);
        assertEquals(new PodId("pod_" + BODY), id);
        assertEquals(new PodId("pod_" + BODY).hashCode(), id.hashCode());
        assertEquals("pod_" + BODY, id.toString());
        assertEquals("acc_" + BODY, new AccountId("acc_" + BODY).toString());
        assertEquals("key_" + BODY, new ApiKeyId("key_" + BODY).toString());
    }

    @Test
    void typedIdsMadeLaterSortAfterEarlierOnes() {
        PodId first = PodId.generate();
        PodId second = PodId.generate();
        assertNotEquals(first, second);
        assertTrue(second.value().compareTo(first.value()) > 0);
    }
}
