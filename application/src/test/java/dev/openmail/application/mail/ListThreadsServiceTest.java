package dev.openmail.application.mail;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.ThreadId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.openmail.application.fakes.Callers.owner;
import static dev.openmail.application.mail.MailFixture.address;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ListThreadsServiceTest {

    private final MailFixture fixture = new MailFixture();
    private final AccountId acme = fixture.account();
    private final Inbox support = fixture.inbox(acme, "support");
    private ThreadId older;
    private ThreadId newer;

    /** Thread "older" opened first, "newer" a minute later; then "older" gets a reply, so it has the latest mail. */
    @BeforeEach
    void twoThreads() {
        fixture.receive(RawMail.from("alice@example.com").subject("older").messageId("a@example.com"),
                address(support));
        older = fixture.onlyMessage(support).threadId();
        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.receive(RawMail.from("bob@example.com").subject("newer").messageId("b@example.com"), address(support));
        newer = fixture.threads(support).stream().filter(thread -> !thread.id().equals(older)).findFirst()
                .orElseThrow().id();
        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.receive(RawMail.from("alice@example.com").subject("Re: older").inReplyTo("a@example.com"),
                address(support));
    }

    @Test
    void listsTheThreadWithTheLatestMessageFirst() {
        Page<MailThread> page = fixture.listThreads().list(owner(acme), support.id(), null, PageRequest.firstPage());

        assertEquals(List.of(older, newer), ids(page));
        assertEquals(2, page.total());
        assertEquals(2, page.items().get(0).messageCount());
    }

    @Test
    void listsOnlyReadOrOnlyUnreadThreadsWhenAsked() {
        fixture.markRead(support, newer);

        Page<MailThread> read = fixture.listThreads().list(owner(acme), support.id(), true, PageRequest.firstPage());
        Page<MailThread> unread = fixture.listThreads().list(owner(acme), support.id(), false, PageRequest.firstPage());
        Page<MailThread> all = fixture.listThreads().list(owner(acme), support.id(), null, PageRequest.firstPage());

        assertEquals(List.of(newer), ids(read));
        assertEquals(1, read.total());
        assertEquals(List.of(older), ids(unread));
        assertEquals(1, unread.total());
        assertEquals(List.of(older, newer), ids(all));
    }

    private static List<ThreadId> ids(Page<MailThread> page) {
        return page.items().stream().map(MailThread::id).toList();
    }
}
