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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a connection hears: subscriptions add up, unsubscribing takes away, and a key never hears beyond its reach. */
class EventFilterTest {

    private static final PodId POD = PodId.generate();
    private static final PodId OTHER_POD = PodId.generate();
    private static final InboxId ONE = InboxId.generate();
    private static final InboxId TWO = InboxId.generate();
    private static final InboxId ELSEWHERE = InboxId.generate();

    @Test
    void nothingIsHeardBeforeASubscribe() {
        assertFalse(EventFilter.NONE.hears(event(POD, ONE, EventType.MESSAGE_RECEIVED), KeyScope.ACCOUNT_WIDE));
        assertFalse(EventFilter.NONE.hearsAnything());
    }

    @Test
    void subscriptionsAddUpAndAnEmptyListMeansAll() {
        EventFilter filter = EventFilter.NONE.plus(Set.of(ONE), Set.of(EventType.MESSAGE_RECEIVED))
                .plus(Set.of(TWO), Set.of(EventType.MESSAGE_SENT));

        assertEquals(Set.of(ONE, TWO), filter.inboxIds());
        assertEquals(Set.of(EventType.MESSAGE_RECEIVED, EventType.MESSAGE_SENT), filter.types());
        assertTrue(filter.hears(event(POD, TWO, EventType.MESSAGE_RECEIVED), KeyScope.ACCOUNT_WIDE));
        assertFalse(filter.hears(event(POD, TWO, EventType.MESSAGE_FAILED), KeyScope.ACCOUNT_WIDE));
        assertFalse(filter.hears(event(POD, ELSEWHERE, EventType.MESSAGE_SENT), KeyScope.ACCOUNT_WIDE));

        EventFilter all = filter.plus(Set.of(), Set.of());
        assertTrue(all.allInboxes() && all.allTypes());
        assertEquals(Set.of(), all.inboxIds());
        assertTrue(all.hears(event(OTHER_POD, ELSEWHERE, EventType.MESSAGE_FAILED), KeyScope.ACCOUNT_WIDE),
                "all inboxes, also one made later");
    }

    @Test
    void unsubscribingTakesInboxesOutOrEverything() {
        EventFilter filter = EventFilter.NONE.plus(Set.of(ONE, TWO), Set.of());

        EventFilter left = filter.minus(Set.of(ONE));
        assertEquals(Set.of(TWO), left.inboxIds());
        assertFalse(left.hears(event(POD, ONE, EventType.MESSAGE_SENT), KeyScope.ACCOUNT_WIDE));
        assertEquals(EventFilter.NONE, filter.minus(Set.of()));
        assertThrows(IllegalStateException.class, () -> filter.plus(Set.of(), Set.of()).minus(Set.of(ONE)));
    }

    @Test
    void aScopedKeyHearsOnlyWithinItsReach() {
        EventFilter all = EventFilter.NONE.plus(Set.of(), Set.of());
        KeyScope podKey = KeyScope.pod(POD);
        KeyScope inboxKey = KeyScope.inbox(POD, ONE);

        assertTrue(all.hears(event(POD, TWO, EventType.MESSAGE_RECEIVED), podKey));
        assertFalse(all.hears(event(OTHER_POD, ELSEWHERE, EventType.MESSAGE_RECEIVED), podKey));
        assertTrue(all.hears(event(POD, ONE, EventType.MESSAGE_RECEIVED), inboxKey));
        assertFalse(all.hears(event(POD, TWO, EventType.MESSAGE_RECEIVED), inboxKey));
        assertFalse(EventFilter.NONE.plus(Set.of(ELSEWHERE), Set.of())
                .hears(event(OTHER_POD, ELSEWHERE, EventType.MESSAGE_RECEIVED), podKey), "even when listed");
    }

    private static MailEvent event(PodId pod, InboxId inbox, EventType type) {
        Instant now = Instant.parse("2024-05-01T10:00:00Z");
        return new MailEvent(EventId.generate(), type, AccountId.generate(), pod, inbox, ThreadId.generate(),
                MessageId.generate(), now,
                new MessageSnapshot(null, "a@example.com", "b@example.com", List.of(), "s", "b", List.of(), now));
    }
}
