package dev.openmail.domain.pod;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PodRefTest {

    @Test
    void aWellFormedPodIdIsReadAsAnId() {
        PodId id = PodId.generate();
        assertEquals(Optional.of(new PodRef.ById(id)), PodRef.parse(id.value()));
        assertEquals(id.value(), PodRef.parse(id.value()).orElseThrow().text());
    }

    @Test
    void anythingElseThatIsAValidClientIdIsReadAsAClientId() {
        assertEquals(Optional.of(new PodRef.ByClientId(new ClientId("sales-eu"))), PodRef.parse("sales-eu"));
        assertEquals("Pod_1", PodRef.parse("Pod_1").orElseThrow().text());
        assertTrue(PodRef.parse("Pod_1").orElseThrow() instanceof PodRef.ByClientId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "pod_", "pod_short", "pod_01HZY3X5K2M7N8P9QRSTVWXYZ0", "has space", "a/b", "caf\u00e9"})
    void textThatCouldNameNoPodIsEmpty(String text) {
        assertFalse(PodRef.parse(text).isPresent());
    }

    @Test
    void nullIsEmpty() {
        assertFalse(PodRef.parse(null).isPresent());
    }

    @Test
    void fromPathReadsIdsAndClientIds() {
        PodId id = PodId.generate();
        assertEquals(new PodRef.ById(id), PodRef.fromPath(id.value()));
        assertEquals(new PodRef.ByClientId(new ClientId("acme")), PodRef.fromPath("acme"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pod_nope", "no such pod", ""})
    void fromPathReportsAnUnusableNameAsNotFound(String text) {
        NotFoundException e = assertThrows(NotFoundException.class, () -> PodRef.fromPath(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void aPodAnswersToItsIdAndToItsClientIdOnly() {
        Pod pod = Pod.create(AccountId.generate(), new ClientId("Acme"), null, Instant.EPOCH);
        assertTrue(pod.answersTo(new PodRef.ById(pod.id())));
        assertTrue(pod.answersTo(new PodRef.ByClientId(new ClientId("Acme"))));
        assertFalse(pod.answersTo(new PodRef.ByClientId(new ClientId("acme"))));
        assertFalse(pod.answersTo(new PodRef.ById(PodId.generate())));

        Pod withoutClientId = Pod.create(pod.accountId(), null, null, Instant.EPOCH);
        assertFalse(withoutClientId.answersTo(new PodRef.ByClientId(new ClientId("Acme"))));
    }
}
