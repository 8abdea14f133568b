package dev.openmail.application.apikey;

import dev.openmail.domain.access.ForbiddenException;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.KeyHolder;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.ProvisionedAccount;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.openmail.application.apikey.ApiKeyFixture.holderOf;
import static dev.openmail.application.apikey.ApiKeyFixture.id;
import static dev.openmail.application.fakes.Callers.inboxKey;
import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.fakes.Callers.podKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListApiKeysServiceTest {

    private final ApiKeyFixture fixture = new ApiKeyFixture();

    @Test
    void eachHolderListsExactlyItsOwnKeys() {
        ProvisionedAccount acme = fixture.account();
        Pod sales = fixture.pod(acme, "sales");
        Pod support = fixture.pod(acme, "support");
        Inbox leads = fixture.inbox(acme, sales);
        Inbox orders = fixture.inbox(acme, sales);
        ApiKeyId salesKey = fixture.issue(acme, holderOf(sales)).key().id();
        ApiKeyId leadsKey = fixture.issue(acme, holderOf(leads)).key().id();
        ApiKeyId ordersKey = fixture.issue(acme, holderOf(orders)).key().id();
        ApiKeyId supportKey = fixture.issue(acme, holderOf(support)).key().id();
        ApiKeyId secondAccountKey = fixture.issue(acme, KeyHolder.ACCOUNT).key().id();

        assertEquals(List.of(acme.apiKey().key().id(), secondAccountKey), ids(list(acme, KeyHolder.ACCOUNT)));
        assertEquals(List.of(salesKey), ids(list(acme, holderOf(sales))));
        assertEquals(List.of(supportKey), ids(list(acme, holderOf(support))));
        assertEquals(List.of(leadsKey), ids(list(acme, holderOf(leads))));
        assertEquals(List.of(ordersKey), ids(list(acme, holderOf(orders))));
        assertEquals(1, list(acme, holderOf(sales)).total());
    }

    @Test
    void aPodIsNamedByIdOrClientId() {
        ProvisionedAccount acme = fixture.account();
        Pod sales = fixture.pod(acme, "sales");
        ApiKeyId key = fixture.issue(acme, holderOf(sales)).key().id();

        assertEquals(List.of(key), ids(list(acme, KeyHolder.pod(new PodRef.ByClientId(new ClientId("sales"))))));
        assertEquals(List.of(key), ids(list(acme, KeyHolder.pod(new PodRef.ById(sales.id())))));
    }

    @Test
    void keysAreListedOldestFirst() {
        ProvisionedAccount acme = fixture.account();
        Pod pod = fixture.pod(acme, "sales");
        // Minted out of time order, so that only their creation times can order them.
        fixture.clock.set(ApiKeyFixture.NOW.plusSeconds(20));
        ApiKeyId newest = fixture.issue(acme, holderOf(pod)).key().id();
        fixture.clock.set(ApiKeyFixture.NOW);
        ApiKeyId oldest = fixture.issue(acme, holderOf(pod)).key().id();
        fixture.clock.set(ApiKeyFixture.NOW.plusSeconds(10));
        ApiKeyId middle = fixture.issue(acme, holderOf(pod)).key().id();
        ApiKeyId middleTwin = fixture.issue(acme, holderOf(pod)).key().id();

        assertEquals(List.of(oldest, middle, middleTwin, newest), ids(list(acme, holderOf(pod))));
    }

    @Test
    void pagesAreWindowsOfTheWholeList() {
        ProvisionedAccount acme = fixture.account();
        Pod pod = fixture.pod(acme, "sales");
        List<ApiKeyId> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fixture.clock.advance(Duration.ofSeconds(1));
            all.add(fixture.issue(acme, holderOf(pod)).key().id());
        }

        Page<ApiKey> middle = fixture.listApiKeys.list(owner(id(acme)), holderOf(pod), new PageRequest(2, 1));
        Page<ApiKey> beyond = fixture.listApiKeys.list(owner(id(acme)), holderOf(pod), new PageRequest(2, 5));

        assertEquals(all.subList(1, 3), ids(middle));
        assertEquals(5, middle.total());
        assertEquals(List.of(), beyond.items());
        assertEquals(5, beyond.total());
    }

    @Test
    void aHolderWithoutKeysHasAnEmptyList() {
        ProvisionedAccount acme = fixture.account();
        Pod pod = fixture.pod(acme, "sales");

        Page<ApiKey> page = list(acme, holderOf(pod));

        assertEquals(List.of(), page.items());
        assertEquals(0, page.total());
    }

    @Test
    void scopedKeysMayNotListKeys() {
        ProvisionedAccount acme = fixture.account();
        Pod pod = fixture.pod(acme, "sales");
        Inbox inbox = fixture.inbox(acme, pod);
        fixture.issue(acme, holderOf(pod));

        ForbiddenException byPodKey = assertThrows(ForbiddenException.class, () -> fixture.listApiKeys.list(
                podKey(id(acme), pod.id()), holderOf(pod), PageRequest.firstPage()));
        ForbiddenException byInboxKey = assertThrows(ForbiddenException.class, () -> fixture.listApiKeys.list(
                inboxKey(inbox), holderOf(inbox), PageRequest.firstPage()));

        assertTrue(byPodKey.getMessage().contains("pod " + pod.id().value()), byPodKey.getMessage());
        assertTrue(byInboxKey.getMessage().contains("inbox " + inbox.id().value()), byInboxKey.getMessage());
    }

    @Test
    void anotherAccountsPodOrInboxIsNotFound() {
        ProvisionedAccount acme = fixture.account();
        ProvisionedAccount globex = fixture.account();
        Pod theirPod = fixture.pod(globex, "theirs");
        Inbox theirInbox = fixture.inbox(globex, theirPod);
        fixture.issue(globex, holderOf(theirPod));
        fixture.issue(globex, holderOf(theirInbox));

        assertThrows(NotFoundException.class, () -> list(acme, holderOf(theirPod)));
        assertThrows(NotFoundException.class,
                () -> list(acme, KeyHolder.pod(new PodRef.ByClientId(new ClientId("theirs")))));
        assertThrows(NotFoundException.class, () -> list(acme, holderOf(theirInbox)));
        assertThrows(NotFoundException.class, () -> list(acme, KeyHolder.inbox(InboxId.generate())));
    }

    @Test
    void theAccountsListShowsNoOtherAccountsKeys() {
        ProvisionedAccount acme = fixture.account();
        ProvisionedAccount globex = fixture.account();
        fixture.issue(globex, KeyHolder.ACCOUNT);

        assertEquals(List.of(acme.apiKey().key().id()), ids(list(acme, KeyHolder.ACCOUNT)));
    }

    private Page<ApiKey> list(ProvisionedAccount owner, KeyHolder holder) {
        return fixture.listApiKeys.list(owner(id(owner)), holder, PageRequest.firstPage());
    }

    private static List<ApiKeyId> ids(Page<ApiKey> page) {
        return page.items().stream().map(ApiKey::id).toList();
    }
}
