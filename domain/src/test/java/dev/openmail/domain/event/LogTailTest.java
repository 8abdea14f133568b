package dev.openmail.domain.event;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.pod.PodId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Following the log: each event once, late commits caught, gaps given up after a while. */
class LogTailTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void eventsAtOrBelowTheHeadAtStartAreNotHandedOnAndLaterOnesAreOnceEach() {
        LogTail tail = LogTail.startingAt(0, 3, events(1, 2, 3), T0);

        assertEquals(3, tail.readAfter(T0));
        assertEquals(List.of(4L, 5L), positions(tail.accept(events(4, 5), T0)));
        assertEquals(List.of(), positions(tail.accept(events(4, 5), T0)));
        assertEquals(5, tail.readAfter(T0));
        assertEquals(5, tail.settledThrough());
    }

    @Test
    void aPositionThatCommitsLateIsReadAgainAndHandedOnOnce() {
        LogTail tail = LogTail.startingAt(0, 0, List.of(), T0);

        assertEquals(List.of(1L, 3L), positions(tail.accept(events(1, 3), T0)));
        assertEquals(1, tail.openGaps());
        assertEquals(1, tail.readAfter(T0.plusMillis(25)), "the gap at 2 is read again");
        assertEquals(1, tail.settledThrough());
        assertEquals(List.of(2L, 4L), positions(tail.accept(events(2, 3, 4), T0.plusMillis(25))));
        assertEquals(0, tail.openGaps());
        assertEquals(4, tail.readAfter(T0.plusMillis(50)));
        assertEquals(List.of(), positions(tail.accept(events(2, 3, 4), T0.plusMillis(50))));
    }

    @Test
    void positionsMissingAtStartMayStillCommit() {
        LogTail tail = LogTail.startingAt(10, 15, events(11, 12, 14, 15), T0);

        assertEquals(12, tail.readAfter(T0));
        assertEquals(List.of(13L, 16L), positions(tail.accept(events(13, 14, 15, 16), T0)));
        assertEquals(List.of(), positions(tail.accept(events(11, 12), T0)));
    }

    @Test
    void anOldGapIsReadAgainOnlyNowAndThenAndGivenUpAfterTheTimeout() {
        LogTail tail = LogTail.startingAt(0, 0, List.of(), T0);
        tail.accept(events(1, 3), T0);
        tail.readAfter(T0);
        tail.accept(events(4, 5), T0.plusSeconds(3));

        Instant later = T0.plusSeconds(3).plusMillis(100);
        assertEquals(1, tail.readAfter(T0.plusSeconds(3)), "a slow sweep is due");
        assertEquals(5, tail.readAfter(later), "an old gap waits for the next sweep");
        assertEquals(1, tail.readAfter(later.plus(LogTail.SLOW_SWEEP)));
        assertEquals(5, tail.readAfter(T0.plus(LogTail.GAP_TIMEOUT)), "given up");
        assertEquals(5, tail.settledThrough());
        assertEquals(List.of(), positions(tail.accept(events(2), T0.plus(LogTail.GAP_TIMEOUT))));
    }

    @Test
    void aFreshGapAboveAnOldOneIsReadAgainAtOnce() {
        LogTail tail = LogTail.startingAt(0, 0, List.of(), T0);
        tail.accept(events(1, 3), T0);
        tail.readAfter(T0);
        Instant now = T0.plusSeconds(5);
        tail.accept(events(5), now);

        tail.readAfter(now);
        assertEquals(3, tail.readAfter(now.plusMillis(10)), "the gap at 4 is fresh; the one at 2 waits");
    }

    @Test
    void aHugeJumpHoldsAtMostTheNewestGaps() {
        LogTail tail = LogTail.startingAt(0, 0, List.of(), T0);

        tail.accept(events(1, 1 + LogTail.MAX_GAPS * 3L), T0);

        assertEquals(LogTail.MAX_GAPS, tail.openGaps());
    }

    private static List<LoggedEvent> events(long... positions) {
        return LongStream.of(positions).mapToObj(position -> new LoggedEvent(position, event())).toList();
    }

    private static List<Long> positions(List<LoggedEvent> events) {
        return events.stream().map(LoggedEvent::position).toList();
    }

    private static MailEvent event() {
        return new MailEvent(EventId.generate(), EventType.MESSAGE_RECEIVED, AccountId.generate(), PodId.generate(),
                InboxId.generate(), ThreadId.generate(), MessageId.generate(), T0,
                new MessageSnapshot(null, "a@example.com", "b@example.com", List.of(), "s", "b", List.of(), T0));
    }
}
