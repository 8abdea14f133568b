package dev.openmail.application.inbox;

import dev.openmail.application.account.RecentKeys;
import dev.openmail.domain.access.ForbiddenException;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.inbox.MailboxName;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodOccupancy;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.CreateInbox;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.openmail.application.fakes.Callers.inboxKey;
import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.fakes.Callers.podKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeleteInboxServiceTest {

    private final InboxFixture fixture = new InboxFixture();
    private final DeleteInboxService deleteInbox =
            new DeleteInboxService(fixture.transactions, fixture.store, fixture.store, fixture.store.usage(),
                    new RecentKeys());

    @Test
    void deletesTheInboxAndFreesItsAddressAndItsPod() {
        AccountId account = fixture.account();
        Inbox inbox = fixture.createInbox().create(named(account, "helpdesk"));
        Inbox neighbour = fixture.createInbox().create(named(account, "orders"));

        deleteInbox.delete(owner(account), inbox.id());

        assertEquals(Optional.empty(), fixture.store.find(account, inbox.id()));
        assertEquals(List.of(neighbour.id()),
                fixture.store.list(account, null, PageRequest.firstPage()).items().stream().map(Inbox::id).toList());
        deleteInbox.delete(owner(account), neighbour.id());
        assertEquals(PodOccupancy.EMPTY, fixture.store.occupancy(account, inbox.podId()));
        assertEquals(inbox.address(), fixture.createInbox().create(named(account, "helpdesk")).address());
    }

    @Test
    void anUnknownInboxIsNotFound() {
        AccountId account = fixture.account();

        assertThrows(NotFoundException.class, () -> deleteInbox.delete(owner(account), InboxId.generate()));
    }

    @Test
    void anInboxDeletedTwiceIsNotFoundTheSecondTime() {
        AccountId account = fixture.account();
        Inbox inbox = fixture.createInbox().create(named(account, "helpdesk"));
        deleteInbox.delete(owner(account), inbox.id());

        assertThrows(NotFoundException.class, () -> deleteInbox.delete(owner(account), inbox.id()));
    }

    @Test
    void anotherAccountsInboxIsNotFoundAndKept() {
        AccountId acme = fixture.account();
        AccountId globex = fixture.account();
        Inbox theirs = fixture.createInbox().create(named(globex, "helpdesk"));

        assertThrows(NotFoundException.class, () -> deleteInbox.delete(owner(acme), theirs.id()));

        assertEquals(theirs.id(), fixture.store.find(globex, theirs.id()).orElseThrow().id());
    }

    // ---- scoped keys

    @Test
    void aPodKeyMayNotDeleteAnInboxOfItsPod() {
        AccountId account = fixture.account();
        Pod sales = fixture.pod(account, "sales");
        Inbox inbox = fixture.createInbox().create(new CreateInbox.Command(owner(account), new PodRef.ById(sales.id()),
                null, null, null, null));

        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> deleteInbox.delete(podKey(account, sales.id()), inbox.id()));

        assertTrue(e.getMessage().contains("pod " + sales.id().value()), e.getMessage());
        assertEquals(Optional.of(inbox.id()), fixture.store.find(account, inbox.id()).map(Inbox::id));
    }

    @Test
    void anInboxKeyMayNotDeleteItsOwnInbox() {
        AccountId account = fixture.account();
        Inbox own = fixture.createInbox().create(named(account, "own"));

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> deleteInbox.delete(inboxKey(own), own.id()));

        assertTrue(e.getMessage().contains("inbox " + own.id().value()), e.getMessage());
        assertEquals(Optional.of(own.id()), fixture.store.find(account, own.id()).map(Inbox::id));
    }

    @Test
    void aPodKeyIsRefusedWhateverInboxItNames() {
        AccountId account = fixture.account();
        Pod sales = fixture.pod(account, "sales");

        // Refused for what the key is, before any lookup: a key that may never delete learns nothing about which
        // inboxes exist.
        assertThrows(ForbiddenException.class, () -> deleteInbox.delete(podKey(account, sales.id()), InboxId.generate()));
    }

    private static CreateInbox.Command named(AccountId account, String mailbox) {
        return new CreateInbox.Command(owner(account), null, MailboxName.parse(mailbox), null, null, null);
    }
}
