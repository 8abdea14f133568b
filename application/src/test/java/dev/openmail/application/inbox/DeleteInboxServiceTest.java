package dev.openmail.application.inbox;

import static dev.openmail.application.fakes.Callers.owner;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.inbox.MailboxName;
import dev.openmail.domain.pod.PodOccupancy;
import dev.openmail.domain.port.in.CreateInbox;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeleteInboxServiceTest {

    private final InboxFixture fixture = new InboxFixture();
    private final DeleteInboxService deleteInbox =
            new DeleteInboxService(fixture.transactions, fixture.store, fixture.store);

    @Test
    void deletesTheInboxAndFreesItsAddressAndItsPod() {
        AccountId account = fixture.account();
        Inbox inbox = fixture.createInbox().create(named(account, "support"));
        Inbox neighbour = fixture.createInbox().create(named(account, "sales"));

        deleteInbox.delete(owner(account), inbox.id());

        assertEquals(Optional.empty(), fixture.store.find(account, inbox.id()));
        assertEquals(List.of(neighbour.id()),
                fixture.store.list(account, null, PageRequest.firstPage()).items().stream().map(Inbox::id).toList());
        deleteInbox.delete(owner(account), neighbour.id());
        assertEquals(PodOccupancy.EMPTY, fixture.store.occupancy(account, inbox.podId()));
        assertEquals(inbox.address(), fixture.createInbox().create(named(account, "support")).address());
    }

    @Test
    void anUnknownInboxIsNotFound() {
        AccountId account = fixture.account();

        assertThrows(NotFoundException.class, () -> deleteInbox.delete(owner(account), InboxId.generate()));
    }

    @Test
    void anInboxDeletedTwiceIsNotFoundTheSecondTime() {
        AccountId account = fixture.account();
        Inbox inbox = fixture.createInbox().create(named(account, "support"));
        deleteInbox.delete(owner(account), inbox.id());

        assertThrows(NotFoundException.class, () -> deleteInbox.delete(owner(account), inbox.id()));
    }

    @Test
    void anotherAccountsInboxIsNotFoundAndKept() {
        AccountId acme = fixture.account();
        AccountId globex = fixture.account();
        Inbox theirs = fixture.createInbox().create(named(globex, "support"));

        assertThrows(NotFoundException.class, () -> deleteInbox.delete(owner(acme), theirs.id()));

        assertEquals(theirs.id(), fixture.store.find(globex, theirs.id()).orElseThrow().id());
    }

    private static CreateInbox.Command named(AccountId account, String mailbox) {
        return new CreateInbox.Command(owner(account), null, MailboxName.parse(mailbox), null, null, null);
    }
}
