package dev.openmail.application.account;

import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiToken;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenAccountServiceTest {

    private final AccountFixture fixture = new AccountFixture();

    @Test
    void opensAnAccountWithExactlyOneDefaultPod() {
        ProvisionedAccount opened = fixture.openAccount.open(new OpenAccount.Command(new Label("Acme"), new InboxLimit(7)));

        Account stored = fixture.store.find(opened.account().id()).orElseThrow();
        assertEquals(new Label("Acme"), stored.name());
        assertEquals(new InboxLimit(7), stored.inboxLimit());
        assertEquals(AccountFixture.NOW, stored.createdAt());

        Page<Pod> pods = fixture.store.list(opened.account().id(), PageRequest.firstPage());
        assertEquals(1, pods.total());
        Pod defaultPod = pods.items().get(0);
        assertTrue(defaultPod.isDefault());
        assertEquals(opened.defaultPod().id(), defaultPod.id());
        assertEquals(AccountFixture.NOW, defaultPod.createdAt());
    }

    @Test
    void theKeysTokenAuthenticatesAsTheAccount() {
        ProvisionedAccount opened = fixture.openAccount.open(new OpenAccount.Command(null, null));
        ApiToken token = opened.apiKey().token();

        Caller caller = fixture.authenticate.authenticate(token.reveal());

        assertEquals(opened.account().id(), caller.accountId());
        assertEquals(opened.apiKey().key().id(), caller.keyId());
        assertTrue(token.reveal().startsWith("om_"));
    }

    @Test
    void theKeyIsStoredAsAHashWithItsVisibleParts() {
        ProvisionedAccount opened = fixture.openAccount.open(new OpenAccount.Command(null, null));
        ApiToken token = opened.apiKey().token();

        ApiKey stored = fixture.store.findByTokenHash(token.hash()).orElseThrow();

        assertEquals(opened.account().id(), stored.accountId());
        assertEquals(token.visiblePrefix(), stored.tokenPrefix());
        assertEquals(token.last4(), stored.last4());
        assertEquals(AccountFixture.NOW, stored.createdAt());
    }

    @Test
    void withoutALimitTheInstallationsDefaultApplies() {
        ProvisionedAccount opened = fixture.openAccount.open(new OpenAccount.Command(null, null));

        assertEquals(AccountFixture.DEFAULT_LIMIT, fixture.store.find(opened.account().id()).orElseThrow().inboxLimit());
    }

    @Test
    void eachAccountGetsItsOwnDefaultPodAndKey() {
        ProvisionedAccount first = fixture.openAccount.open(new OpenAccount.Command(null, null));
        ProvisionedAccount second = fixture.openAccount.open(new OpenAccount.Command(null, null));

        assertNotEquals(first.account().id(), second.account().id());
        assertNotEquals(first.defaultPod().id(), second.defaultPod().id());
        assertEquals(1, fixture.store.list(first.account().id(), PageRequest.firstPage()).total());
        assertEquals(1, fixture.store.list(second.account().id(), PageRequest.firstPage()).total());
        assertEquals(second.account().id(),
                fixture.authenticate.authenticate(second.apiKey().token().reveal()).accountId());
    }

    @Test
    void aFailureWhileStoringTheKeyLeavesNoAccountAndNoPod() {
        IllegalStateException diskFull = new IllegalStateException("disk full");
        InMemoryStore failing = new InMemoryStore() {
            @Override
            public synchronized void insert(ApiKey key) {
                throw diskFull;
            }
        };
        AccountFixture broken = new AccountFixture(failing);

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> broken.openAccount.open(new OpenAccount.Command(new Label("Doomed"), null)));

        assertSame(diskFull, thrown);
        assertFalse(failing.anyExists());
        assertEquals(0, failing.list(PageRequest.firstPage()).total());
    }

    @Test
    void aFailureAfterThePodWasStoredLeavesNoAccountAndNoPod() {
        AtomicReference<Pod> storedPod = new AtomicReference<>();
        InMemoryStore failing = new InMemoryStore() {
            @Override
            public synchronized void insert(Pod pod) {
                super.insert(pod);
                storedPod.set(pod);
                throw new IllegalStateException("connection lost");
            }
        };
        AccountFixture broken = new AccountFixture(failing);

        assertThrows(IllegalStateException.class, () -> broken.openAccount.open(new OpenAccount.Command(null, null)));

        assertFalse(failing.anyExists());
        assertEquals(0, failing.list(storedPod.get().accountId(), PageRequest.firstPage()).total());
    }
}
