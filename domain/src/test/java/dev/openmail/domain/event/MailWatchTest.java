package dev.openmail.domain.event;

import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.pod.PodId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A watch's part of the log: late commits, the cursor, and what a scoped key hears. */
class MailWatchTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private static final AccountId ACCOUNT = AccountId.generate();
    private static final PodId POD = PodId.generate();
    private static final InboxId SUPPORT = InboxId.generate();
    private static final InboxId SALES = InboxId.generate();
    private static final EventFilter RECEIVED = new EventFilter(true, Set.of(), false, Set.of(EventType.MESSAGE_RECEIVED));

    @Test
    void anEventThatCommitsAfterALaterOneIsStillHandedOnOnceAndTheCursorStaysAtTheLatest() {
        LoggedEvent cursor = logged(10, SUPPORT, EventType.MESSAGE_RECEIVED);
        MailWatch watch = MailWatch.startingAt(ACCOUNT, RECEIVED, 9, 10, cursor.event().id(), List.of(cursor), NOW);

        LoggedEvent later = logged(12, SUPPORT, EventType.MESSAGE_RECEIVED);
        assertEquals(List.of(later.event()), watch.take(List.of(later), NOW, KeyScope.ACCOUNT_WIDE));
        assertEquals(10, watch.readAfter(NOW.plusMillis(10)), "position 11 was passed over and is read again");

        LoggedEvent late = logged(11, SALES, EventType.MESSAGE_RECEIVED);
        assertEquals(List.of(late.event()), watch.take(List.of(late, later), NOW, KeyScope.ACCOUNT_WIDE));
        assertEquals(later.event().id(), watch.cursor());
        assertEquals(List.of(), watch.take(List.of(late, later), NOW, KeyScope.ACCOUNT_WIDE));
    }

    @Test
    void theCursorPassesEventsTheWatchDoesNotHear() {
        MailWatch watch = MailWatch.startingAt(ACCOUNT, RECEIVED, 0, 0, null, List.of(), NOW);
        LoggedEvent sent = logged(1, SUPPORT, EventType.MESSAGE_SENT);
        LoggedEvent forSales = logged(2, SALES, EventType.MESSAGE_RECEIVED);

        assertEquals(List.of(), watch.take(List.of(sent, forSales), NOW, KeyScope.inbox(POD, SUPPORT)));
        assertEquals(forSales.event().id(), watch.cursor());
    }

    private static LoggedEvent logged(long position, InboxId inbox, EventType type) {
        return new LoggedEvent(position, new MailEvent(EventId.generate(), type, ACCOUNT, POD, inbox,
                ThreadId.generate(), MessageId.generate(), NOW,
                new MessageSnapshot(null, "a@example.com", "b@example.com", List.of(), "Hi", "Hello", List.of(), NOW)));
    }
}
