package dev.openmail.application.pod;

import static dev.openmail.application.fakes.Callers.owner;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.pod.PodRef;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GetPodServiceTest {

    private final PodFixture fixture = new PodFixture();
    private final GetPodService getPod = new GetPodService(fixture.store);

    @Test
    void findsAPodByIdAndByClientId() {
        AccountId account = fixture.account();
        Pod pod = fixture.pod(account, "sales", "Sales");

        assertEquals(pod.id(), getPod.get(owner(account), new PodRef.ById(pod.id())).id());
        assertEquals(pod.id(), getPod.get(owner(account), new PodRef.ByClientId(new ClientId("sales"))).id());
    }

    @Test
    void anUnknownPodIsNotFoundAndTheMessageRepeatsTheReference() {
        AccountId account = fixture.account();
        PodId unknown = PodId.generate();

        NotFoundException byId = assertThrows(NotFoundException.class, () -> getPod.get(owner(account), new PodRef.ById(unknown)));
        NotFoundException byClientId = assertThrows(NotFoundException.class,
                () -> getPod.get(owner(account), new PodRef.ByClientId(new ClientId("nobody"))));

        assertTrue(byId.getMessage().contains("'" + unknown + "'"), byId.getMessage());
        assertTrue(byClientId.getMessage().contains("'nobody'"), byClientId.getMessage());
    }

    @Test
    void anotherAccountsPodIsNotFound() {
        AccountId acme = fixture.account();
        AccountId globex = fixture.account();
        Pod globexPod = fixture.pod(globex, "secret", null);

        assertThrows(NotFoundException.class, () -> getPod.get(owner(acme), new PodRef.ById(globexPod.id())));
        assertThrows(NotFoundException.class, () -> getPod.get(owner(acme), new PodRef.ByClientId(new ClientId("secret"))));
    }

    @Test
    void clientIdsAreMatchedCaseSensitively() {
        AccountId account = fixture.account();
        fixture.pod(account, "Sales", null);

        assertThrows(NotFoundException.class, () -> getPod.get(owner(account), new PodRef.ByClientId(new ClientId("sales"))));
    }
}
