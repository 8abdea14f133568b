package dev.openmail.application.inbox;

import static dev.openmail.application.fakes.Callers.owner;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GetInboxServiceTest {

    private final InboxFixture fixture = new InboxFixture();
    private final GetInboxService getInbox = new GetInboxService(fixture.store);

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
}
