package dev.openmail.application.inbox;

import dev.openmail.domain.access.ForbiddenException;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.pod.Pod;
import org.junit.jupiter.api.Test;

import static dev.openmail.application.fakes.Callers.inboxKey;
import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.fakes.Callers.podKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GetInboxServiceTest {

    private final InboxFixture fixture = new InboxFixture();
    private final GetInboxService getInbox = new GetInboxService(fixture.transactions, fixture.store);

    @Test
    void findsAnInboxOfTheAccount() {
        AccountId account = fixture.account();
        Inbox inbox = fixture.inbox(account, fixture.defaultPod(account).id(), "support@openmail.test", InboxFixture.NOW);

        Inbox found = getInbox.get(owner(account), inbox.id());

        assertEquals(inbox.id(), found.id());
        assertEquals(inbox.address(), found.address());
    }

    @Test
    void anUnknownInboxIsNotFound() {
        AccountId account = fixture.account();
        InboxId unknown = InboxId.generate();

        NotFoundException e = assertThrows(NotFoundException.class, () -> getInbox.get(owner(account), unknown));
        assertTrue(e.getMessage().contains(unknown.value()), e.getMessage());
    }

    @Test
    void anotherAccountsInboxIsNotFound() {
        AccountId acme = fixture.account();
        AccountId globex = fixture.account();
        Inbox theirs = fixture.inbox(globex, fixture.defaultPod(globex).id(), "globex@openmail.test", InboxFixture.NOW);

        assertThrows(NotFoundException.class, () -> getInbox.get(owner(acme), theirs.id()));
    }

    // ---- scoped keys

    @Test
    void anInboxKeyReadsItsOwnInbox() {
        AccountId account = fixture.account();
        Inbox own = fixture.inbox(account, fixture.defaultPod(account).id(), "own@openmail.test", InboxFixture.NOW);

        assertEquals(own.id(), getInbox.get(inboxKey(own), own.id()).id());
    }

    @Test
    void anInboxKeyMayNotReadASiblingInbox() {
        AccountId account = fixture.account();
        Inbox own = fixture.inbox(account, fixture.defaultPod(account).id(), "own@openmail.test", InboxFixture.NOW);
        Inbox sibling = fixture.inbox(account, fixture.defaultPod(account).id(), "sibling@openmail.test", InboxFixture.NOW);

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> getInbox.get(inboxKey(own), sibling.id()));

        assertTrue(e.getMessage().contains("inbox " + own.id().value()), e.getMessage());
        assertFalse(e.getMessage().contains(sibling.id().value()), e.getMessage());
    }

    @Test
    void aPodKeyReadsEveryInboxOfItsPodAndNoneElsewhere() {
        AccountId account = fixture.account();
        Pod sales = fixture.pod(account, "sales");
        Inbox inSales = fixture.inbox(account, sales.id(), "sales@openmail.test", InboxFixture.NOW);
        Inbox inDefault = fixture.inbox(account, fixture.defaultPod(account).id(), "other@openmail.test", InboxFixture.NOW);

        assertEquals(inSales.id(), getInbox.get(podKey(account, sales.id()), inSales.id()).id());
        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> getInbox.get(podKey(account, sales.id()), inDefault.id()));

        assertTrue(e.getMessage().contains("pod " + sales.id().value()), e.getMessage());
    }

    @Test
    void scopedKeysAskingForAnotherAccountsInboxAreToldItIsNotFound() {
        AccountId acme = fixture.account();
        AccountId globex = fixture.account();
        Inbox mine = fixture.inbox(acme, fixture.defaultPod(acme).id(), "mine@openmail.test", InboxFixture.NOW);
        Inbox theirs = fixture.inbox(globex, fixture.defaultPod(globex).id(), "theirs@openmail.test", InboxFixture.NOW);

        assertThrows(NotFoundException.class, () -> getInbox.get(inboxKey(mine), theirs.id()));
        assertThrows(NotFoundException.class, () -> getInbox.get(podKey(acme, mine.podId()), theirs.id()));
    }
}
