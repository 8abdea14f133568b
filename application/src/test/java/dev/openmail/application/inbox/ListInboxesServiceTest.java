package dev.openmail.application.inbox;

import dev.openmail.domain.access.ForbiddenException;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.pod.PodRef;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.openmail.application.fakes.Callers.inboxKey;
import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.fakes.Callers.podKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListInboxesServiceTest {

    private static final Instant T = InboxFixture.NOW.minusSeconds(600);

    private final InboxFixture fixture = new InboxFixture();
    private final ListInboxesService listInboxes =
            new ListInboxesService(fixture.transactions, fixture.store, fixture.store);

    @Test
    void listsEveryInboxOfTheAccountOldestFirst() {
        AccountId account = fixture.account();
        Pod sales = fixture.pod(account, "sales");
        PodId defaultPod = fixture.defaultPod(account).id();
        Inbox newest = fixture.inbox(account, defaultPod, "newest@openmail.test", T.plusSeconds(2));
        Inbox oldest = fixture.inbox(account, sales.id(), "oldest@openmail.test", T);
        Inbox middle = fixture.inbox(account, defaultPod, "middle@openmail.test", T.plusSeconds(1));
        AccountId other = fixture.account();
        fixture.inbox(other, fixture.defaultPod(other).id(), "foreign@openmail.test", T);

        Page<Inbox> page = listInboxes.list(owner(account), null, PageRequest.firstPage());

        assertEquals(List.of(oldest.id(), middle.id(), newest.id()), ids(page));
        assertEquals(3, page.total());
    }

    @Test
    void aPodNamedByIdOrClientIdShowsOnlyItsInboxes() {
        AccountId account = fixture.account();
        Pod sales = fixture.pod(account, "sales");
        Inbox inSales = fixture.inbox(account, sales.id(), "sales@openmail.test", T);
        Inbox alsoInSales = fixture.inbox(account, sales.id(), "leads@openmail.test", T.plusSeconds(1));
        fixture.inbox(account, fixture.defaultPod(account).id(), "support@openmail.test", T);

        Page<Inbox> byClientId = listInboxes.list(owner(account), new PodRef.ByClientId(new ClientId("sales")),
                PageRequest.firstPage());
        Page<Inbox> byId = listInboxes.list(owner(account), new PodRef.ById(sales.id()), PageRequest.firstPage());

        assertEquals(List.of(inSales.id(), alsoInSales.id()), ids(byClientId));
        assertEquals(2, byClientId.total());
        assertEquals(ids(byClientId), ids(byId));
    }

    @Test
    void anUnknownPodOrAnotherAccountsPodHasAnEmptyList() {
        AccountId account = fixture.account();
        AccountId other = fixture.account();
        Pod theirs = fixture.pod(other, "theirs");
        fixture.inbox(other, theirs.id(), "theirs@openmail.test", T);
        fixture.inbox(account, fixture.defaultPod(account).id(), "mine@openmail.test", T);

        for (PodRef ref : List.of(new PodRef.ByClientId(new ClientId("nobody")), new PodRef.ById(PodId.generate()),
                new PodRef.ById(theirs.id()), new PodRef.ByClientId(new ClientId("theirs")))) {
            Page<Inbox> page = listInboxes.list(owner(account), ref, PageRequest.firstPage());
            assertEquals(List.of(), page.items(), ref.text());
            assertEquals(0, page.total(), ref.text());
        }
    }

    @Test
    void pagesAreWindowsOfTheWholeList() {
        AccountId account = fixture.account();
        PodId pod = fixture.defaultPod(account).id();
        List<InboxId> all = List.of(
                fixture.inbox(account, pod, "one@openmail.test", T).id(),
                fixture.inbox(account, pod, "two@openmail.test", T.plusMillis(1)).id(),
                fixture.inbox(account, pod, "three@openmail.test", T.plusMillis(2)).id());

        assertEquals(all.subList(0, 2), ids(listInboxes.list(owner(account), null, new PageRequest(2, 0))));
        assertEquals(all.subList(2, 3), ids(listInboxes.list(owner(account), null, new PageRequest(2, 2))));
        Page<Inbox> beyond = listInboxes.list(owner(account), new PodRef.ById(pod), new PageRequest(2, 5));
        assertEquals(List.of(), beyond.items());
        assertEquals(3, beyond.total());
    }

    // ---- scoped keys

    @Test
    void aPodKeyListsOnlyItsPodsInboxes() {
        AccountId account = fixture.account();
        Pod sales = fixture.pod(account, "sales");
        Inbox first = fixture.inbox(account, sales.id(), "first@openmail.test", T);
        fixture.inbox(account, fixture.defaultPod(account).id(), "elsewhere@openmail.test", T);
        Inbox second = fixture.inbox(account, sales.id(), "second@openmail.test", T.plusSeconds(1));

        Page<Inbox> unnamed = listInboxes.list(podKey(account, sales.id()), null, PageRequest.firstPage());
        Page<Inbox> named = listInboxes.list(podKey(account, sales.id()), new PodRef.ByClientId(new ClientId("sales")),
                PageRequest.firstPage());

        assertEquals(List.of(first.id(), second.id()), ids(unnamed));
        assertEquals(2, unnamed.total());
        assertEquals(ids(unnamed), ids(named));
    }

    @Test
    void aPodKeyAskingForAnotherPodIsRefused() {
        AccountId account = fixture.account();
        Pod sales = fixture.pod(account, "sales");
        PodId defaultPod = fixture.defaultPod(account).id();
        fixture.inbox(account, defaultPod, "elsewhere@openmail.test", T);

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> listInboxes.list(
                podKey(account, sales.id()), new PodRef.ById(defaultPod), PageRequest.firstPage()));

        assertTrue(e.getMessage().contains("pod " + sales.id().value()), e.getMessage());
        assertFalse(e.getMessage().contains(defaultPod.value()), e.getMessage());
    }

    @Test
    void aPodKeyAskingForAnotherAccountsPodSeesNothing() {
        AccountId acme = fixture.account();
        AccountId globex = fixture.account();
        Pod mine = fixture.pod(acme, "mine");
        Pod theirs = fixture.pod(globex, "theirs");
        fixture.inbox(globex, theirs.id(), "theirs@openmail.test", T);

        Page<Inbox> page = listInboxes.list(podKey(acme, mine.id()), new PodRef.ById(theirs.id()), PageRequest.firstPage());

        assertEquals(List.of(), page.items());
        assertEquals(0, page.total());
    }

    @Test
    void anInboxKeyListsOnlyItsInbox() {
        AccountId account = fixture.account();
        PodId pod = fixture.defaultPod(account).id();
        fixture.inbox(account, pod, "older@openmail.test", T);
        Inbox own = fixture.inbox(account, pod, "own@openmail.test", T.plusSeconds(1));
        fixture.inbox(account, pod, "newer@openmail.test", T.plusSeconds(2));

        Page<Inbox> page = listInboxes.list(inboxKey(own), null, PageRequest.firstPage());

        assertEquals(List.of(own.id()), ids(page));
        assertEquals(1, page.total());
    }

    @Test
    void anInboxKeysListIsEmptyAfterTheFirstItemButStillCountsIt() {
        AccountId account = fixture.account();
        PodId pod = fixture.defaultPod(account).id();
        Inbox own = fixture.inbox(account, pod, "own@openmail.test", T);
        fixture.inbox(account, pod, "other@openmail.test", T.plusSeconds(1));

        Page<Inbox> second = listInboxes.list(inboxKey(own), null, new PageRequest(10, 1));

        assertEquals(List.of(), second.items());
        assertEquals(1, second.total());
    }

    @Test
    void anInboxKeyNamingItsOwnPodStillSeesOnlyItsInbox() {
        AccountId account = fixture.account();
        Pod sales = fixture.pod(account, "sales");
        Inbox own = fixture.inbox(account, sales.id(), "own@openmail.test", T);
        fixture.inbox(account, sales.id(), "sibling@openmail.test", T.plusSeconds(1));

        Page<Inbox> byId = listInboxes.list(inboxKey(own), new PodRef.ById(sales.id()), PageRequest.firstPage());
        Page<Inbox> byClientId = listInboxes.list(inboxKey(own), new PodRef.ByClientId(new ClientId("sales")),
                PageRequest.firstPage());

        assertEquals(List.of(own.id()), ids(byId));
        assertEquals(1, byId.total());
        assertEquals(List.of(own.id()), ids(byClientId));
    }

    @Test
    void anInboxKeyAskingForAnotherPodIsRefused() {
        AccountId account = fixture.account();
        Pod sales = fixture.pod(account, "sales");
        Inbox own = fixture.inbox(account, sales.id(), "own@openmail.test", T);

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> listInboxes.list(
                inboxKey(own), new PodRef.ById(fixture.defaultPod(account).id()), PageRequest.firstPage()));

        assertTrue(e.getMessage().contains("inbox " + own.id().value()), e.getMessage());
    }

    private static List<InboxId> ids(Page<Inbox> page) {
        return page.items().stream().map(Inbox::id).toList();
    }
}
