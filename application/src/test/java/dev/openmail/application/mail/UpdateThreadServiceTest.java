package dev.openmail.application.mail;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.ThreadId;
import org.junit.jupiter.api.Test;

import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.mail.MailFixture.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpdateThreadServiceTest {

    private final MailFixture fixture = new MailFixture();
    private final AccountId acme = fixture.account();
    private final Inbox support = fixture.inbox(acme, "support");

    @Test
    void marksAThreadReadAndUnreadAgain() {
        fixture.receive(RawMail.from("alice@example.com").subject("Order"), address(support));
        MailThread unread = fixture.thread(support, fixture.onlyMessage(support).threadId());
        assertFalse(unread.isRead());

        MailThread read = fixture.updateThread().markRead(owner(acme), unread.id(), true);

        assertTrue(read.isRead());
        MailThread stored = fixture.thread(support, unread.id());
        assertTrue(stored.isRead());
        assertEquals(unread.messageCount(), stored.messageCount());
        assertEquals(unread.lastMessageAt(), stored.lastMessageAt());

        MailThread unreadAgain = fixture.updateThread().markRead(owner(acme), unread.id(), false);

        assertFalse(unreadAgain.isRead());
        assertFalse(fixture.thread(support, unread.id()).isRead());
    }

    @Test
    void anUnknownThreadIsNotFound() {
        ThreadId unknown = ThreadId.generate();

        assertThrows(NotFoundException.class, () -> fixture.updateThread().markRead(owner(acme), unknown, true));
    }
}
