package dev.openmail.application.apikey;

import dev.openmail.domain.access.ForbiddenException;
import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.ApiKeyLimitReachedException;
import dev.openmail.domain.apikey.ApiToken;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.apikey.IssuedApiKey;
import dev.openmail.domain.apikey.KeyHolder;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.IssueApiKey;
import dev.openmail.domain.port.in.ProvisionedAccount;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.openmail.application.apikey.ApiKeyFixture.holderOf;
import static dev.openmail.application.apikey.ApiKeyFixture.id;
import static dev.openmail.application.apikey.ApiKeyFixture.scopeOf;
import static dev.openmail.application.fakes.Callers.inboxKey;
import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.fakes.Callers.podKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IssueApiKeyServiceTest {

    private final ApiKeyFixture fixture = new ApiKeyFixture();

    // ---- what is minted

    @Test
    void anAccountWideKeyIsReturnedWithItsTokenAndOnlyItsHashIsStored() {
        ProvisionedAccount acme = fixture.account();

        IssuedApiKey issued = fixture.issueApiKey.issue(
                new IssueApiKey.Command(owner(id(acme)), KeyHolder.ACCOUNT, new Label("CI \uD83D\uDE80")));

        ApiToken token = issued.token();
        ApiKey stored = fixture.store.find(id(acme), issued.key().id()).orElseThrow();
        assertEquals(KeyScope.ACCOUNT_WIDE, stored.scope());
        assertEquals(id(acme), stored.accountId());
        assertEquals(new Label("CI \uD83D\uDE80"), stored.name());
        assertEquals(token.hash(), stored.tokenHash());
        assertEquals(token.visiblePrefix(), stored.tokenPrefix());
        assertEquals(token.last4(), stored.last4());
        assertEquals(ApiKeyFixture.NOW, stored.createdAt());
        assertNull(stored.lastUsedAt());
        assertTrue(ApiToken.isWellFormed(token.reveal()), token.toString());
    }

    @Test
    void theTokenReturnedAuthenticatesAsTheNewKey() {
        ProvisionedAccount acme = fixture.account();
        Pod pod = fixture.pod(acme, "sales");

        IssuedApiKey issued = fixture.issue(acme, holderOf(pod));

        Caller caller = fixture.authenticate.authenticate(issued.token().reveal());
        assertEquals(new Caller(id(acme), issued.key().id(), KeyScope.pod(pod.id())), caller);
    }

    @Test
    void aPodNamedByIdOrClientIdGetsAKeyConfinedToIt() {
        ProvisionedAccount acme = fixture.account();
        Pod pod = fixture.pod(acme, "sales");

        IssuedApiKey byId = fixture.issue(acme, KeyHolder.pod(new PodRef.ById(pod.id())));
        IssuedApiKey byClientId = fixture.issue(acme, KeyHolder.pod(new PodRef.ByClientId(new ClientId("sales"))));

        assertEquals(KeyScope.pod(pod.id()), byId.key().scope());
        assertEquals(KeyScope.pod(pod.id()), byClientId.key().scope());
        assertEquals(List.of(byId.key().id(), byClientId.key().id()), fixture.storedKeys(acme, scopeOf(pod)));
    }

    @Test
    void anInboxGetsAKeyConfinedToItAndItsPod() {
        ProvisionedAccount acme = fixture.account();
        Pod pod = fixture.pod(acme, "sales");
        Inbox inbox = fixture.inbox(acme, pod);

        IssuedApiKey issued = fixture.issue(acme, holderOf(inbox));

        assertEquals(KeyScope.inbox(pod.id(), inbox.id()), issued.key().scope());
        assertEquals(List.of(issued.key().id()), fixture.storedKeys(acme, scopeOf(inbox)));
        assertEquals(List.of(), fixture.storedKeys(acme, scopeOf(pod)));
    }

    @Test
    void aNameIsOptional() {
        ProvisionedAccount acme = fixture.account();

        IssuedApiKey issued = fixture.issue(acme, KeyHolder.ACCOUNT);

        assertNull(fixture.store.find(id(acme), issued.key().id()).orElseThrow().name());
    }

    @Test
    void everyKeyGetsItsOwnToken() {
        ProvisionedAccount acme = fixture.account();
        Set<String> tokens = new HashSet<>();

        for (int i = 0; i < 5; i++) {
            tokens.add(fixture.issue(acme, KeyHolder.ACCOUNT).token().reveal());
        }

        assertEquals(5, tokens.size());
    }

    // ---- who may mint

    @Test
    void aPodKeyMayNotMintKeysEvenForItsOwnPodAndNothingIsStored() {
        ProvisionedAccount acme = fixture.account();
        Pod pod = fixture.pod(acme, "sales");
        Inbox inbox = fixture.inbox(acme, pod);
        Caller caller = podKey(id(acme), pod.id());

        for (KeyHolder holder : List.of(holderOf(pod), holderOf(inbox), KeyHolder.ACCOUNT)) {
            ForbiddenException e = assertThrows(ForbiddenException.class,
                    () -> fixture.issueApiKey.issue(new IssueApiKey.Command(caller, holder, null)));
            assertTrue(e.getMessage().contains("pod " + pod.id().value()), e.getMessage());
        }

        assertEquals(List.of(), fixture.storedKeys(acme, scopeOf(pod)));
        assertEquals(List.of(), fixture.storedKeys(acme, scopeOf(inbox)));
        assertEquals(List.of(acme.apiKey().key().id()), fixture.storedKeys(acme, KeyScope.ACCOUNT_WIDE));
    }

    @Test
    void anInboxKeyMayNotMintKeysForItsInboxAndNothingIsStored() {
        ProvisionedAccount acme = fixture.account();
        Inbox inbox = fixture.inbox(acme, acme.defaultPod());

        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> fixture.issueApiKey.issue(new IssueApiKey.Command(inboxKey(inbox), holderOf(inbox), null)));

        assertTrue(e.getMessage().contains("inbox " + inbox.id().value()), e.getMessage());
        assertEquals(List.of(), fixture.storedKeys(acme, scopeOf(inbox)));
    }

    @Test
    void anotherAccountsPodOrInboxIsNotFoundAndGetsNoKey() {
        ProvisionedAccount acme = fixture.account();
        ProvisionedAccount globex = fixture.account();
        Pod theirPod = fixture.pod(globex, "theirs");
        Inbox theirInbox = fixture.inbox(globex, theirPod);

        assertThrows(NotFoundException.class, () -> fixture.issue(acme, holderOf(theirPod)));
        assertThrows(NotFoundException.class,
                () -> fixture.issue(acme, KeyHolder.pod(new PodRef.ByClientId(new ClientId("theirs")))));
        assertThrows(NotFoundException.class, () -> fixture.issue(acme, holderOf(theirInbox)));

        assertEquals(List.of(), fixture.storedKeys(globex, scopeOf(theirPod)));
        assertEquals(List.of(), fixture.storedKeys(globex, scopeOf(theirInbox)));
    }

    @Test
    void anUnknownPodOrInboxIsNotFound() {
        ProvisionedAccount acme = fixture.account();

        NotFoundException pod = assertThrows(NotFoundException.class,
                () -> fixture.issue(acme, KeyHolder.pod(new PodRef.ByClientId(new ClientId("nobody")))));
        InboxId unknown = InboxId.generate();
        NotFoundException inbox = assertThrows(NotFoundException.class,
                () -> fixture.issue(acme, KeyHolder.inbox(unknown)));

        assertTrue(pod.getMessage().contains("'nobody'"), pod.getMessage());
        assertTrue(inbox.getMessage().contains(unknown.value()), inbox.getMessage());
        assertThrows(NotFoundException.class,
                () -> fixture.issue(acme, KeyHolder.pod(new PodRef.ById(PodId.generate()))));
    }

    // ---- limit

    @Test
    void theTwentyFirstKeyOfAPodIsRefusedAndTheTwentyRemain() {
        ProvisionedAccount acme = fixture.account();
        Pod pod = fixture.pod(acme, "sales");
        List<ApiKeyId> minted = new ArrayList<>();
        for (int i = 0; i < ApiKey.MAX_ACTIVE_PER_HOLDER; i++) {
            minted.add(fixture.issue(acme, holderOf(pod)).key().id());
        }

        ApiKeyLimitReachedException e = assertThrows(ApiKeyLimitReachedException.class,
                () -> fixture.issue(acme, holderOf(pod)));

        assertTrue(e.getMessage().contains("Pod " + pod.id().value()), e.getMessage());
        assertEquals(minted, fixture.storedKeys(acme, scopeOf(pod)));
    }

    @Test
    void theTwentyFirstKeyOfAnInboxIsRefused() {
        ProvisionedAccount acme = fixture.account();
        Inbox inbox = fixture.inbox(acme, acme.defaultPod());
        for (int i = 0; i < ApiKey.MAX_ACTIVE_PER_HOLDER; i++) {
            fixture.issue(acme, holderOf(inbox));
        }

        ApiKeyLimitReachedException e = assertThrows(ApiKeyLimitReachedException.class,
                () -> fixture.issue(acme, holderOf(inbox)));

        assertTrue(e.getMessage().contains("Inbox " + inbox.id().value()), e.getMessage());
        assertEquals(20, fixture.storedKeys(acme, scopeOf(inbox)).size());
    }

    @Test
    void theAccountsFirstKeyCountsTowardsItsTwentyAccountWideKeys() {
        ProvisionedAccount acme = fixture.account();
        for (int i = 1; i < ApiKey.MAX_ACTIVE_PER_HOLDER; i++) {
            fixture.issue(acme, KeyHolder.ACCOUNT);
        }

        ApiKeyLimitReachedException e = assertThrows(ApiKeyLimitReachedException.class,
                () -> fixture.issue(acme, KeyHolder.ACCOUNT));

        assertTrue(e.getMessage().contains("account-wide"), e.getMessage());
        List<ApiKeyId> stored = fixture.storedKeys(acme, KeyScope.ACCOUNT_WIDE);
        assertEquals(20, stored.size());
        assertEquals(acme.apiKey().key().id(), stored.get(0));
    }

    @Test
    void eachHolderHasItsOwnTwenty() {
        ProvisionedAccount acme = fixture.account();
        ProvisionedAccount globex = fixture.account();
        Pod full = fixture.pod(acme, "full");
        for (int i = 0; i < ApiKey.MAX_ACTIVE_PER_HOLDER; i++) {
            fixture.issue(acme, holderOf(full));
        }

        // The pod's inboxes, another pod, the account itself and another account are counted apart.
        fixture.issue(acme, holderOf(fixture.inbox(acme, full)));
        fixture.issue(acme, holderOf(fixture.pod(acme, "other")));
        fixture.issue(acme, KeyHolder.ACCOUNT);
        fixture.issue(globex, holderOf(fixture.pod(globex, "full")));

        assertEquals(20, fixture.storedKeys(acme, scopeOf(full)).size());
        assertEquals(2, fixture.storedKeys(acme, KeyScope.ACCOUNT_WIDE).size());
    }

    @Test
    void revokingAKeyMakesRoomForAnother() {
        ProvisionedAccount acme = fixture.account();
        Pod pod = fixture.pod(acme, "sales");
        List<IssuedApiKey> minted = new ArrayList<>();
        for (int i = 0; i < ApiKey.MAX_ACTIVE_PER_HOLDER; i++) {
            minted.add(fixture.issue(acme, holderOf(pod)));
        }

        fixture.revokeApiKey.revoke(owner(id(acme)), holderOf(pod), minted.get(3).key().id());
        IssuedApiKey replacement = fixture.issue(acme, holderOf(pod));

        List<ApiKeyId> stored = fixture.storedKeys(acme, scopeOf(pod));
        assertEquals(20, stored.size());
        assertTrue(stored.contains(replacement.key().id()));
    }
}
