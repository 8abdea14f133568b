package dev.openmail.application.pod;

import dev.openmail.domain.access.ForbiddenException;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.in.CreatePod;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.openmail.application.fakes.Callers.inboxKey;
import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.fakes.Callers.podKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListPodsServiceTest {

    private final PodFixture fixture = new PodFixture();
    private final ListPodsService listPods = new ListPodsService(fixture.transactions, fixture.store);
    private final CreatePodService createPod = new CreatePodService(fixture.transactions, fixture.store, fixture.clock);

    @Test
    void listsTheDefaultPodFirstThenOldestFirstWithIdAsTieBreak() {
        AccountId account = fixture.account();
        PodId defaultPod = fixture.store.list(account, PageRequest.firstPage()).items().get(0).id();
        // created by the use case, so all share the fixed clock's instant and only their ids order them
        List<PodId> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(createPod.create(new CreatePod.Command(owner(account), null, null)).id());
        }
        Pod older = fixture.pod(account, "older", null);

        Page<Pod> page = listPods.list(owner(account), PageRequest.firstPage());

        assertEquals(List.of(defaultPod, older.id(), created.get(0), created.get(1), created.get(2)), ids(page));
        assertEquals(5, page.total());
        assertTrue(page.items().get(0).isDefault());
    }

    @Test
    void pagesThroughTheListKeepingTheTotal() {
        AccountId account = fixture.account();
        for (int i = 0; i < 4; i++) {
            fixture.pod(account, "p" + i, null);
        }
        List<PodId> all = ids(listPods.list(owner(account), PageRequest.firstPage()));

        Page<Pod> middle = listPods.list(owner(account), new PageRequest(2, 1));
        Page<Pod> end = listPods.list(owner(account), new PageRequest(100, 4));
        Page<Pod> beyond = listPods.list(owner(account), new PageRequest(100, 5));

        assertEquals(all.subList(1, 3), ids(middle));
        assertEquals(all.subList(4, 5), ids(end));
        assertEquals(List.of(), beyond.items());
        assertEquals(5, middle.total());
        assertEquals(5, beyond.total());
    }

    @Test
    void listsOnlyTheAccountsOwnPods() {
        AccountId acme = fixture.account();
        AccountId globex = fixture.account();
        fixture.pod(globex, "secret", null);

        Page<Pod> page = listPods.list(owner(acme), PageRequest.firstPage());

        assertEquals(1, page.total());
        assertEquals(acme, page.items().get(0).accountId());
    }

    // ---- scoped keys

    @Test
    void aPodKeyListsOnlyItsOwnPod() {
        AccountId account = fixture.account();
        fixture.pod(account, "before", null);
        Pod sales = fixture.pod(account, "sales", null);
        fixture.pod(account, "after", null);

        Page<Pod> page = listPods.list(podKey(account, sales.id()), PageRequest.firstPage());

        assertEquals(List.of(sales.id()), ids(page));
        assertEquals(1, page.total());
    }

    @Test
    void aPodKeysListHasOneItemOnItsFirstPageOnly() {
        AccountId account = fixture.account();
        Pod sales = fixture.pod(account, "sales", null);
        fixture.pod(account, "support", null);

        Page<Pod> second = listPods.list(podKey(account, sales.id()), new PageRequest(10, 1));

        assertEquals(List.of(), second.items());
        assertEquals(1, second.total());
    }

    @Test
    void anInboxKeyMayNotListPods() {
        AccountId account = fixture.account();
        Pod sales = fixture.pod(account, "sales", null);
        Inbox inbox = fixture.store.addInbox(account, sales.id());

        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> listPods.list(inboxKey(inbox), PageRequest.firstPage()));

        assertTrue(e.getMessage().contains("inbox " + inbox.id().value()), e.getMessage());
    }

    private static List<PodId> ids(Page<Pod> page) {
        return page.items().stream().map(Pod::id).toList();
    }
}
