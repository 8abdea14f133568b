package dev.openmail.application.apikey;

import dev.openmail.application.account.RecentKeys;
import dev.openmail.application.inbox.DeleteInboxService;
import dev.openmail.application.pod.DeletePodService;
import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.apikey.IssuedApiKey;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.common.UnauthorizedException;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodNotEmptyException;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.ProvisionedAccount;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.openmail.application.apikey.ApiKeyFixture.holderOf;
import static dev.openmail.application.apikey.ApiKeyFixture.id;
import static dev.openmail.application.apikey.ApiKeyFixture.scopeOf;
import static dev.openmail.application.fakes.Callers.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Deleting a pod or an inbox takes its keys with it: a key must never outlive what it was confined to. */
class KeysGoWithTheirHolderTest {

    private final ApiKeyFixture fixture = new ApiKeyFixture();
    private final DeleteInboxService deleteInbox =
            new DeleteInboxService(fixture.transactions, fixture.store, fixture.store, fixture.store.usage(),
                    fixture.recentKeys);
    private final DeletePodService deletePod =
            new DeletePodService(fixture.transactions, fixture.store, fixture.store, fixture.store, fixture.recentKeys);

    @Test
    void deletingAnInboxMakesItsKeysUnauthenticatable() {
        ProvisionedAccount acme = fixture.account();
        Pod pod = fixture.pod(acme, "sales");
        Inbox doomed = fixture.inbox(acme, pod);
        Inbox sibling = fixture.inbox(acme, pod);
        IssuedApiKey first = fixture.issue(acme, holderOf(doomed));
        IssuedApiKey second = fixture.issue(acme, holderOf(doomed));
        IssuedApiKey ofSibling = fixture.issue(acme, holderOf(sibling));
        IssuedApiKey ofPod = fixture.issue(acme, holderOf(pod));
        assertStillWorks(first);   // and so among the keys this process looked up of late

        deleteInbox.delete(owner(id(acme)), doomed.id());

        assertRefused(first);
        assertRefused(second);
        assertEquals(List.of(), fixture.storedKeys(acme, scopeOf(doomed)));
        assertStillWorks(ofSibling);
        assertStillWorks(ofPod);
        assertStillWorks(acme.apiKey());
    }

    @Test
    void aDeletedInboxCanGetNoNewKeys() {
        ProvisionedAccount acme = fixture.account();
        Inbox doomed = fixture.inbox(acme, acme.defaultPod());
        deleteInbox.delete(owner(id(acme)), doomed.id());

        assertThrows(NotFoundException.class, () -> fixture.issue(acme, holderOf(doomed)));
        assertThrows(NotFoundException.class, () -> fixture.listApiKeys.list(owner(id(acme)), holderOf(doomed),
                PageRequest.firstPage()));
    }

    @Test
    void deletingAPodRemovesItsPodKeys() {
        ProvisionedAccount acme = fixture.account();
        Pod doomed = fixture.pod(acme, "doomed");
        Pod other = fixture.pod(acme, "other");
        IssuedApiKey first = fixture.issue(acme, holderOf(doomed));
        IssuedApiKey second = fixture.issue(acme, holderOf(doomed));
        IssuedApiKey ofOther = fixture.issue(acme, holderOf(other));
        assertStillWorks(first);   // and so among the keys this process looked up of late

        deletePod.delete(owner(id(acme)), new PodRef.ById(doomed.id()));

        assertRefused(first);
        assertRefused(second);
        assertEquals(List.of(), fixture.storedKeys(acme, scopeOf(doomed)));
        assertStillWorks(ofOther);
        assertStillWorks(acme.apiKey());
    }

    @Test
    void emptyingAndDeletingAPodLeavesNoKeyOfItOrItsInboxes() {
        ProvisionedAccount acme = fixture.account();
        Pod doomed = fixture.pod(acme, "doomed");
        Inbox inbox = fixture.inbox(acme, doomed);
        IssuedApiKey ofInbox = fixture.issue(acme, holderOf(inbox));
        IssuedApiKey ofPod = fixture.issue(acme, holderOf(doomed));

        deleteInbox.delete(owner(id(acme)), inbox.id());
        deletePod.delete(owner(id(acme)), new PodRef.ById(doomed.id()));

        assertRefused(ofInbox);
        assertRefused(ofPod);
        assertEquals(List.of(acme.apiKey().key().id()), fixture.storedKeys(acme, KeyScope.ACCOUNT_WIDE));
    }

    @Test
    void aPodThatCannotBeDeletedKeepsItsKeys() {
        ProvisionedAccount acme = fixture.account();
        Pod busy = fixture.pod(acme, "busy");
        fixture.inbox(acme, busy);
        IssuedApiKey ofPod = fixture.issue(acme, holderOf(busy));

        assertThrows(PodNotEmptyException.class, () -> deletePod.delete(owner(id(acme)), new PodRef.ById(busy.id())));

        assertStillWorks(ofPod);
    }

    @Test
    void deletingAnotherAccountsPodOrInboxIsNotFoundAndTheirKeysStay() {
        ProvisionedAccount acme = fixture.account();
        ProvisionedAccount globex = fixture.account();
        Pod theirPod = fixture.pod(globex, "theirs");
        Inbox theirInbox = fixture.inbox(globex, globex.defaultPod());
        IssuedApiKey ofPod = fixture.issue(globex, holderOf(theirPod));
        IssuedApiKey ofInbox = fixture.issue(globex, holderOf(theirInbox));

        assertThrows(NotFoundException.class, () -> deleteInbox.delete(owner(id(acme)), theirInbox.id()));
        assertThrows(NotFoundException.class,
                () -> deletePod.delete(owner(id(acme)), new PodRef.ById(theirPod.id())));

        assertStillWorks(ofPod);
        assertStillWorks(ofInbox);
        assertEquals(1, fixture.storedKeys(globex, KeyScope.ACCOUNT_WIDE).size());
    }

    private void assertRefused(IssuedApiKey issued) {
        assertThrows(UnauthorizedException.class, () -> fixture.authenticate.authenticate(issued.token().reveal()));
    }

    private void assertStillWorks(IssuedApiKey issued) {
        assertEquals(issued.key().id(), fixture.authenticate.authenticate(issued.token().reveal()).keyId());
    }
}
