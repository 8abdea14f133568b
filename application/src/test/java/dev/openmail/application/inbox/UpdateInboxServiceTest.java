package dev.openmail.application.inbox;

import dev.openmail.application.fakes.InMemoryStore;
import dev.openmail.domain.access.ForbiddenException;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.inbox.DisplayName;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.inbox.WebhookSecret;
import dev.openmail.domain.inbox.WebhookUrl;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.CreateInbox;
import dev.openmail.domain.port.in.UpdateInbox;
import org.junit.jupiter.api.Test;

import static dev.openmail.application.fakes.Callers.inboxKey;
import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.fakes.Callers.podKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpdateInboxServiceTest {

    private static final WebhookUrl URL = new WebhookUrl("https://example.com/hook");
    private static final WebhookUrl OTHER_URL = new WebhookUrl("https://example.org/other");

    private final InboxFixture fixture = new InboxFixture();
    private final UpdateInboxService updateInbox =
            new UpdateInboxService(fixture.transactions, fixture.store, fixture.store);

    @Test
    void setsKeepsAndClearsTheDisplayName() {
        AccountId account = fixture.account();
        Inbox inbox = inbox(account);

        UpdateInbox.Updated named = updateInbox.update(command(inbox, Change.to(new DisplayName("Support")), Change.keep()));
        UpdateInbox.Updated kept = updateInbox.update(command(inbox, Change.keep(), Change.keep()));
        assertEquals(new DisplayName("Support"), named.inbox().displayName());
        assertEquals(new DisplayName("Support"), kept.inbox().displayName());
        assertEquals(new DisplayName("Support"), stored(inbox).displayName());

        UpdateInbox.Updated cleared = updateInbox.update(command(inbox, Change.to(null), Change.keep()));

        assertNull(cleared.inbox().displayName());
        assertNull(stored(inbox).displayName());
        assertNull(cleared.issuedSecret());
    }

    @Test
    void theFirstWebhookUrlIssuesASecretAndLaterOnesDoNot() {
        AccountId account = fixture.account();
        Inbox inbox = inbox(account);

        UpdateInbox.Updated first = updateInbox.update(command(inbox, Change.keep(), Change.to(URL)));
        UpdateInbox.Updated changed = updateInbox.update(command(inbox, Change.keep(), Change.to(OTHER_URL)));
        UpdateInbox.Updated cleared = updateInbox.update(command(inbox, Change.keep(), Change.to(null)));
        UpdateInbox.Updated setAgain = updateInbox.update(command(inbox, Change.keep(), Change.to(URL)));

        WebhookSecret secret = first.issuedSecret();
        assertNotNull(secret);
        assertEquals(secret, first.inbox().webhookSecret());
        assertNull(changed.issuedSecret());
        assertNull(cleared.issuedSecret());
        assertNull(setAgain.issuedSecret());
        assertEquals(secret, setAgain.inbox().webhookSecret());
        Inbox stored = stored(inbox);
        assertEquals(URL, stored.webhookUrl());
        assertEquals(secret, stored.webhookSecret());
    }

    @Test
    void anInboxCreatedWithAWebhookGetsNoSecondSecret() {
        AccountId account = fixture.account();
        Inbox inbox = fixture.createInbox().create(new CreateInbox.Command(owner(account), null, null, null, null, URL));

        UpdateInbox.Updated updated = updateInbox.update(command(inbox, Change.keep(), Change.to(OTHER_URL)));

        assertNull(updated.issuedSecret());
        assertEquals(inbox.webhookSecret(), stored(inbox).webhookSecret());
        assertEquals(OTHER_URL, stored(inbox).webhookUrl());
    }

    @Test
    void anUnknownInboxIsNotFound() {
        AccountId account = fixture.account();

        assertThrows(NotFoundException.class, () -> updateInbox.update(new UpdateInbox.Command(owner(account),
                InboxId.generate(), Change.to(new DisplayName("x")), Change.keep())));
    }

    @Test
    void anotherAccountsInboxIsNotFoundAndUnchanged() {
        AccountId acme = fixture.account();
        AccountId globex = fixture.account();
        Inbox theirs = inbox(globex);

        assertThrows(NotFoundException.class, () -> updateInbox.update(new UpdateInbox.Command(owner(acme), theirs.id(),
                Change.to(new DisplayName("Hijacked")), Change.to(URL))));

        assertNull(stored(theirs).displayName());
        assertNull(stored(theirs).webhookUrl());
    }

    @Test
    void anInboxDeletedBeforeTheWriteIsNotFound() {
        InboxFixture racy = new InboxFixture(new InMemoryStore() {
            @Override
            public synchronized boolean update(Inbox inbox) {
                remove(inbox);
                return super.update(inbox);
            }
        });
        AccountId account = racy.account();
        Inbox inbox = racy.inbox(account, racy.defaultPod(account).id(), "gone@openmail.test", InboxFixture.NOW);
        UpdateInboxService racyUpdate = new UpdateInboxService(racy.transactions, racy.store, racy.store);

        assertThrows(NotFoundException.class,
                () -> racyUpdate.update(command(inbox, Change.to(new DisplayName("x")), Change.keep())));
    }

    @Test
    void theCommandNeedsEveryPart() {
        AccountId account = AccountId.generate();
        InboxId id = InboxId.generate();
        assertThrows(NullPointerException.class, () -> new UpdateInbox.Command(null, id, Change.keep(), Change.keep()));
        assertThrows(NullPointerException.class, () -> new UpdateInbox.Command(owner(account), null, Change.keep(), Change.keep()));
        assertThrows(NullPointerException.class, () -> new UpdateInbox.Command(owner(account), id, null, Change.keep()));
        assertThrows(NullPointerException.class, () -> new UpdateInbox.Command(owner(account), id, Change.keep(), null));
    }

    // ---- scoped keys

    @Test
    void aPodKeyRenamesAnInboxOfItsPod() {
        AccountId account = fixture.account();
        Pod sales = fixture.pod(account, "sales");
        Inbox inbox = inboxIn(account, sales);

        UpdateInbox.Updated updated = updateInbox.update(new UpdateInbox.Command(podKey(account, sales.id()), inbox.id(),
                Change.to(new DisplayName("Leads")), Change.keep()));

        assertEquals(new DisplayName("Leads"), updated.inbox().displayName());
        assertEquals(new DisplayName("Leads"), stored(inbox).displayName());
    }

    @Test
    void aPodKeyMayNotRenameAnInboxOfAnotherPod() {
        AccountId account = fixture.account();
        Pod sales = fixture.pod(account, "sales");
        Inbox elsewhere = inbox(account);

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> updateInbox.update(new UpdateInbox.Command(
                podKey(account, sales.id()), elsewhere.id(), Change.to(new DisplayName("Hijacked")), Change.keep())));

        assertTrue(e.getMessage().contains("pod " + sales.id().value()), e.getMessage());
        assertNull(stored(elsewhere).displayName());
    }

    @Test
    void aPodKeyMayNotSetOrClearAWebhookAndNothingChanges() {
        AccountId account = fixture.account();
        Pod sales = fixture.pod(account, "sales");
        Inbox hooked = fixture.createInbox().create(new CreateInbox.Command(owner(account), new PodRef.ById(sales.id()),
                null, null, null, URL));
        Inbox plain = inboxIn(account, sales);

        ForbiddenException set = assertThrows(ForbiddenException.class, () -> updateInbox.update(new UpdateInbox.Command(
                podKey(account, sales.id()), plain.id(), Change.to(new DisplayName("Renamed")), Change.to(URL))));
        assertThrows(ForbiddenException.class, () -> updateInbox.update(new UpdateInbox.Command(
                podKey(account, sales.id()), hooked.id(), Change.keep(), Change.to(null))));

        assertTrue(set.getMessage().contains("webhook"), set.getMessage());
        assertNull(stored(plain).displayName());
        assertNull(stored(plain).webhookUrl());
        assertNull(stored(plain).webhookSecret());
        assertEquals(URL, stored(hooked).webhookUrl());
        assertEquals(hooked.webhookSecret(), stored(hooked).webhookSecret());
    }

    @Test
    void anInboxKeyMayNotRenameEvenItsOwnInbox() {
        AccountId account = fixture.account();
        Inbox own = inbox(account);

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> updateInbox.update(new UpdateInbox.Command(
                inboxKey(own), own.id(), Change.to(new DisplayName("Mine")), Change.keep())));

        assertTrue(e.getMessage().contains("inbox " + own.id().value()), e.getMessage());
        assertNull(stored(own).displayName());
    }

    @Test
    void aPodKeyAskingForAnotherAccountsInboxIsToldItIsNotFound() {
        AccountId acme = fixture.account();
        AccountId globex = fixture.account();
        Pod mine = fixture.pod(acme, "mine");
        Inbox theirs = inbox(globex);

        assertThrows(NotFoundException.class, () -> updateInbox.update(new UpdateInbox.Command(podKey(acme, mine.id()),
                theirs.id(), Change.to(new DisplayName("Hijacked")), Change.keep())));

        assertNull(stored(theirs).displayName());
    }

    @Test
    void aPodKeyAskingForAWebhookIsRefusedWhateverInboxItNames() {
        AccountId account = fixture.account();
        Pod sales = fixture.pod(account, "sales");

        // Refused for what the key is, before any lookup, like every request a key of its kind may never make.
        assertThrows(ForbiddenException.class, () -> updateInbox.update(new UpdateInbox.Command(
                podKey(account, sales.id()), InboxId.generate(), Change.keep(), Change.to(URL))));
    }

    private Inbox inboxIn(AccountId account, Pod pod) {
        return fixture.createInbox().create(new CreateInbox.Command(owner(account), new PodRef.ById(pod.id()), null, null,
                null, null));
    }

    private Inbox inbox(AccountId account) {
        return fixture.createInbox().create(InboxFixture.command(account));
    }

    private Inbox stored(Inbox inbox) {
        return fixture.store.find(inbox.accountId(), inbox.id()).orElseThrow();
    }

    private static UpdateInbox.Command command(Inbox inbox, Change<DisplayName> name, Change<WebhookUrl> url) {
        return new UpdateInbox.Command(owner(inbox.accountId()), inbox.id(), name, url);
    }
}
