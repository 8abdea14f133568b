package dev.openmail.application.apikey;

import dev.openmail.domain.access.ForbiddenException;
import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.IssuedApiKey;
import dev.openmail.domain.apikey.KeyHolder;
import dev.openmail.domain.apikey.LastAccountKeyException;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.common.UnauthorizedException;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.ProvisionedAccount;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.openmail.application.apikey.ApiKeyFixture.holderOf;
import static dev.openmail.application.apikey.ApiKeyFixture.id;
import static dev.openmail.application.apikey.ApiKeyFixture.scopeOf;
import static dev.openmail.application.fakes.Callers.inboxKey;
import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.fakes.Callers.podKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RevokeApiKeyServiceTest {

    private final ApiKeyFixture fixture = new ApiKeyFixture();

    // ---- revoking

    @Test
    void aRevokedPodKeyIsRefusedOnTheNextRequest() {
        ProvisionedAccount acme = fixture.account();
        Pod pod = fixture.pod(acme, "sales");
        IssuedApiKey issued = fixture.issue(acme, holderOf(pod));
        IssuedApiKey kept = fixture.issue(acme, holderOf(pod));
        fixture.authenticate.authenticate(issued.token().reveal());

        fixture.revokeApiKey.revoke(owner(id(acme)), holderOf(pod), issued.key().id());

        assertThrows(UnauthorizedException.class, () -> fixture.authenticate.authenticate(issued.token().reveal()));
        assertEquals(List.of(kept.key().id()), fixture.storedKeys(acme, scopeOf(pod)));
        assertEquals(kept.key().id(), fixture.authenticate.authenticate(kept.token().reveal()).keyId());
    }

    @Test
    void aRevokedInboxKeyIsRefusedOnTheNextRequest() {
        ProvisionedAccount acme = fixture.account();
        Inbox inbox = fixture.inbox(acme, acme.defaultPod());
        IssuedApiKey issued = fixture.issue(acme, holderOf(inbox));

        fixture.revokeApiKey.revoke(owner(id(acme)), holderOf(inbox), issued.key().id());

        assertThrows(UnauthorizedException.class, () -> fixture.authenticate.authenticate(issued.token().reveal()));
        assertEquals(List.of(), fixture.storedKeys(acme, scopeOf(inbox)));
    }

    @Test
    void anAccountWideKeyIsRevokedWhileAnotherRemains() {
        ProvisionedAccount acme = fixture.account();
        IssuedApiKey second = fixture.issue(acme, KeyHolder.ACCOUNT);

        fixture.revokeApiKey.revoke(owner(id(acme)), KeyHolder.ACCOUNT, acme.apiKey().key().id());

        assertThrows(UnauthorizedException.class,
                () -> fixture.authenticate.authenticate(acme.apiKey().token().reveal()));
        assertEquals(List.of(second.key().id()), fixture.storedKeys(acme, KeyScope.ACCOUNT_WIDE));
    }

    @Test
    void aPodNamedByClientIdWorksToo() {
        ProvisionedAccount acme = fixture.account();
        Pod pod = fixture.pod(acme, "sales");
        IssuedApiKey issued = fixture.issue(acme, holderOf(pod));

        fixture.revokeApiKey.revoke(owner(id(acme)), KeyHolder.pod(new PodRef.ByClientId(new ClientId("sales"))),
                issued.key().id());

        assertEquals(List.of(), fixture.storedKeys(acme, scopeOf(pod)));
    }

    @Test
    void aKeyRevokedTwiceIsNotFoundTheSecondTime() {
        ProvisionedAccount acme = fixture.account();
        Pod pod = fixture.pod(acme, "sales");
        ApiKeyId key = fixture.issue(acme, holderOf(pod)).key().id();
        fixture.revokeApiKey.revoke(owner(id(acme)), holderOf(pod), key);

        NotFoundException e = assertThrows(NotFoundException.class,
                () -> fixture.revokeApiKey.revoke(owner(id(acme)), holderOf(pod), key));

        assertTrue(e.getMessage().contains(key.value()), e.getMessage());
    }

    @Test
    void anUnknownKeyIsNotFound() {
        ProvisionedAccount acme = fixture.account();

        assertThrows(NotFoundException.class,
                () -> fixture.revokeApiKey.revoke(owner(id(acme)), KeyHolder.ACCOUNT, ApiKeyId.generate()));
    }

    // ---- the wrong holder

    @Test
    void anInboxKeyRevokedThroughItsPodIsNotFoundAndStillWorks() {
        ProvisionedAccount acme = fixture.account();
        Pod pod = fixture.pod(acme, "sales");
        Inbox inbox = fixture.inbox(acme, pod);
        IssuedApiKey issued = fixture.issue(acme, holderOf(inbox));

        NotFoundException e = assertThrows(NotFoundException.class,
                () -> fixture.revokeApiKey.revoke(owner(id(acme)), holderOf(pod), issued.key().id()));

        assertTrue(e.getMessage().contains("pod " + pod.id().value()), e.getMessage());
        assertStillWorks(issued);
    }

    @Test
    void aPodKeyRevokedThroughAnotherPodIsNotFoundAndStillWorks() {
        ProvisionedAccount acme = fixture.account();
        Pod sales = fixture.pod(acme, "sales");
        Pod support = fixture.pod(acme, "support");
        IssuedApiKey issued = fixture.issue(acme, holderOf(sales));

        assertThrows(NotFoundException.class,
                () -> fixture.revokeApiKey.revoke(owner(id(acme)), holderOf(support), issued.key().id()));

        assertStillWorks(issued);
    }

    @Test
    void aKeyRevokedThroughAHolderOfAnotherKindIsNotFoundAndStillWorks() {
        ProvisionedAccount acme = fixture.account();
        Pod pod = fixture.pod(acme, "sales");
        Inbox inbox = fixture.inbox(acme, pod);
        IssuedApiKey podKey = fixture.issue(acme, holderOf(pod));
        IssuedApiKey inboxKey = fixture.issue(acme, holderOf(inbox));
        IssuedApiKey accountKey = fixture.issue(acme, KeyHolder.ACCOUNT);

        assertThrows(NotFoundException.class,
                () -> fixture.revokeApiKey.revoke(owner(id(acme)), KeyHolder.ACCOUNT, podKey.key().id()));
        assertThrows(NotFoundException.class,
                () -> fixture.revokeApiKey.revoke(owner(id(acme)), KeyHolder.ACCOUNT, inboxKey.key().id()));
        assertThrows(NotFoundException.class,
                () -> fixture.revokeApiKey.revoke(owner(id(acme)), holderOf(inbox), podKey.key().id()));
        assertThrows(NotFoundException.class,
                () -> fixture.revokeApiKey.revoke(owner(id(acme)), holderOf(pod), accountKey.key().id()));

        assertStillWorks(podKey);
        assertStillWorks(inboxKey);
        assertStillWorks(accountKey);
    }

    @Test
    void anotherAccountsKeyIsNotFoundAndStillWorks() {
        ProvisionedAccount acme = fixture.account();
        ProvisionedAccount globex = fixture.account();
        IssuedApiKey theirSecond = fixture.issue(globex, KeyHolder.ACCOUNT);
        Pod theirPod = fixture.pod(globex, "theirs");
        IssuedApiKey theirPodKey = fixture.issue(globex, holderOf(theirPod));

        assertThrows(NotFoundException.class,
                () -> fixture.revokeApiKey.revoke(owner(id(acme)), KeyHolder.ACCOUNT, theirSecond.key().id()));
        assertThrows(NotFoundException.class,
                () -> fixture.revokeApiKey.revoke(owner(id(acme)), holderOf(theirPod), theirPodKey.key().id()));

        assertStillWorks(theirSecond);
        assertStillWorks(theirPodKey);
    }

    // ---- who may revoke

    @Test
    void scopedKeysMayNotRevokeAndTheKeyStaysUsable() {
        ProvisionedAccount acme = fixture.account();
        Pod pod = fixture.pod(acme, "sales");
        Inbox inbox = fixture.inbox(acme, pod);
        IssuedApiKey ofPod = fixture.issue(acme, holderOf(pod));
        IssuedApiKey ofInbox = fixture.issue(acme, holderOf(inbox));

        ForbiddenException byPodKey = assertThrows(ForbiddenException.class,
                () -> fixture.revokeApiKey.revoke(podKey(id(acme), pod.id()), holderOf(pod), ofPod.key().id()));
        ForbiddenException byInboxKey = assertThrows(ForbiddenException.class,
                () -> fixture.revokeApiKey.revoke(inboxKey(inbox), holderOf(inbox), ofInbox.key().id()));
        assertThrows(ForbiddenException.class, () -> fixture.revokeApiKey.revoke(podKey(id(acme), pod.id()),
                KeyHolder.ACCOUNT, acme.apiKey().key().id()));

        assertTrue(byPodKey.getMessage().contains("pod " + pod.id().value()), byPodKey.getMessage());
        assertTrue(byInboxKey.getMessage().contains("inbox " + inbox.id().value()), byInboxKey.getMessage());
        assertStillWorks(ofPod);
        assertStillWorks(ofInbox);
        assertStillWorks(acme.apiKey());
    }

    // ---- the last account-wide key

    @Test
    void theLastAccountWideKeyIsKept() {
        ProvisionedAccount acme = fixture.account();
        // Scoped keys cannot manage the account, so they do not count as a way back in.
        fixture.issue(acme, holderOf(fixture.pod(acme, "sales")));

        assertThrows(LastAccountKeyException.class, () -> fixture.revokeApiKey.revoke(owner(id(acme)),
                KeyHolder.ACCOUNT, acme.apiKey().key().id()));

        assertStillWorks(acme.apiKey());
    }

    @Test
    void afterRevokingAllButOneTheRemainingKeyIsTheLast() {
        ProvisionedAccount acme = fixture.account();
        IssuedApiKey second = fixture.issue(acme, KeyHolder.ACCOUNT);
        fixture.revokeApiKey.revoke(owner(id(acme)), KeyHolder.ACCOUNT, acme.apiKey().key().id());

        assertThrows(LastAccountKeyException.class,
                () -> fixture.revokeApiKey.revoke(owner(id(acme)), KeyHolder.ACCOUNT, second.key().id()));

        assertStillWorks(second);
    }

    @Test
    void anotherAccountsKeysDoNotCountTowardsTheLast() {
        ProvisionedAccount acme = fixture.account();
        ProvisionedAccount globex = fixture.account();
        fixture.issue(globex, KeyHolder.ACCOUNT);

        assertThrows(LastAccountKeyException.class, () -> fixture.revokeApiKey.revoke(owner(id(acme)),
                KeyHolder.ACCOUNT, acme.apiKey().key().id()));
    }

    @Test
    void theLastKeyOfAPodOrInboxMayBeRevoked() {
        ProvisionedAccount acme = fixture.account();
        Pod pod = fixture.pod(acme, "sales");
        Inbox inbox = fixture.inbox(acme, pod);
        ApiKeyId podKey = fixture.issue(acme, holderOf(pod)).key().id();
        ApiKeyId inboxKey = fixture.issue(acme, holderOf(inbox)).key().id();

        fixture.revokeApiKey.revoke(owner(id(acme)), holderOf(pod), podKey);
        fixture.revokeApiKey.revoke(owner(id(acme)), holderOf(inbox), inboxKey);

        assertEquals(List.of(), fixture.storedKeys(acme, scopeOf(pod)));
        assertEquals(List.of(), fixture.storedKeys(acme, scopeOf(inbox)));
    }

    private void assertStillWorks(IssuedApiKey issued) {
        assertEquals(issued.key().id(), fixture.authenticate.authenticate(issued.token().reveal()).keyId());
    }
}
