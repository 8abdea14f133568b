package dev.openmail.application.pod;

import dev.openmail.domain.access.ForbiddenException;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.pod.PodRef;
import org.junit.jupiter.api.Test;

import static dev.openmail.application.fakes.Callers.inboxKey;
import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.fakes.Callers.podKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GetPodServiceTest {

    private final PodFixture fixture = new PodFixture();
    private final GetPodService getPod = new GetPodService(fixture.transactions, fixture.store);

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

    // ---- scoped keys

    @Test
    void aPodKeyReadsItsOwnPodByIdAndByClientId() {
        AccountId account = fixture.account();
        Pod pod = fixture.pod(account, "sales", "Sales");

        assertEquals(pod.id(), getPod.get(podKey(account, pod.id()), new PodRef.ById(pod.id())).id());
        assertEquals(pod.id(), getPod.get(podKey(account, pod.id()), new PodRef.ByClientId(new ClientId("sales"))).id());
    }

    @Test
    void aPodKeyMayNotReadAnotherPodOfItsAccount() {
        AccountId account = fixture.account();
        Pod sales = fixture.pod(account, "sales", null);
        Pod support = fixture.pod(account, "support", null);
        Pod defaultPod = fixture.store.list(account, PageRequest.firstPage()).items().get(0);

        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> getPod.get(podKey(account, sales.id()), new PodRef.ByClientId(new ClientId("support"))));
        assertThrows(ForbiddenException.class, () -> getPod.get(podKey(account, sales.id()), new PodRef.ById(defaultPod.id())));

        assertTrue(e.getMessage().contains("pod " + sales.id().value()), e.getMessage());
        assertFalse(e.getMessage().contains(support.id().value()), e.getMessage());
    }

    @Test
    void aPodKeyAskingForAnotherAccountsPodIsToldItIsNotFound() {
        AccountId acme = fixture.account();
        AccountId globex = fixture.account();
        Pod mine = fixture.pod(acme, "mine", null);
        Pod theirs = fixture.pod(globex, "theirs", null);

        assertThrows(NotFoundException.class, () -> getPod.get(podKey(acme, mine.id()), new PodRef.ById(theirs.id())));
        assertThrows(NotFoundException.class,
                () -> getPod.get(podKey(acme, mine.id()), new PodRef.ByClientId(new ClientId("theirs"))));
    }

    @Test
    void anInboxKeyMayNotReadEvenItsOwnPod() {
        AccountId account = fixture.account();
        Pod pod = fixture.pod(account, "sales", null);
        Inbox inbox = fixture.store.addInbox(account, pod.id());

        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> getPod.get(inboxKey(inbox), new PodRef.ById(pod.id())));

        assertTrue(e.getMessage().contains("inbox " + inbox.id().value()), e.getMessage());
    }
}
