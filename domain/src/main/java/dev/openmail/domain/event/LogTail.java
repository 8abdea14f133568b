package dev.openmail.domain.event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a process stands in following the event log, so that it hands on every event once and never skips one that
 * commits late. Positions are taken when an event is written and become visible at commit, so a later position can
 * be seen before an earlier one: a position passed over is a gap, read again until its event shows up or
 * {@link #GAP_TIMEOUT} has passed (its transaction rolled back, or its event was deleted). Gaps younger than
 * {@link #FRESH_GAP} are read again on every poll; older ones once every {@link #SLOW_SWEEP}, so that a rolled-back
 * position does not make every poll re-read the log from there.
 *
 * <p>Not thread-safe: one follower owns it.
 */
public final class LogTail {

    public static final Duration GAP_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration FRESH_GAP = Duration.ofSeconds(2);
    public static final Duration SLOW_SWEEP = Duration.ofSeconds(1);
    /** The most gaps held; past it, the oldest positions are given up. */
    public static final int MAX_GAPS = 10_000;

    private long highWater;
    private final TreeMap<Long, Instant> gaps = new TreeMap<>();
    private Instant nextSweep = Instant.MIN;

    private LogTail(long highWater) {
        this.highWater = highWater;
    }

    /**
     * A tail that starts at {@code head}, the greatest position visible when it starts: events at or below it are
     * not handed on. {@code window} is what the log held after {@code floor} then; positions between {@code floor}
     * and {@code head} missing from it are gaps, as their events may still commit.
     */
    public static LogTail startingAt(long floor, long head, List<LoggedEvent> window, Instant now) {
        LogTail tail = new LogTail(head);
        List<Long> present = window.stream().map(LoggedEvent::position).filter(p -> p > floor && p <= head).toList();
        for (long position = Math.max(floor, head - MAX_GAPS) + 1; position <= head; position++) {
            tail.gaps.put(position, now);
        }
        present.forEach(tail.gaps::remove);
        return tail;
    }

    /** The position to read the log after: below the lowest gap that is due, else the highest position seen. */
    public long readAfter(Instant now) {
        expire(now);
        if (gaps.isEmpty()) {
            return highWater;
        }
        Long from = null;
        if (!now.isBefore(nextSweep)) {
            from = gaps.firstKey();
            nextSweep = now.plus(SLOW_SWEEP);
        } else {
            Instant freshSince = now.minus(FRESH_GAP);
            for (Map.Entry<Long, Instant> gap : gaps.entrySet()) {
                if (gap.getValue().isAfter(freshSince)) {
                    from = gap.getKey();
                    break;
                }
            }
        }
        return from == null ? highWater : Math.min(from - 1, highWater);
    }

    /**
     * The events of {@code batch} not handed on before, in position order: those past the highest position seen, and
     * those filling a gap. Positions passed over become gaps.
     */
    public List<LoggedEvent> accept(List<LoggedEvent> batch, Instant now) {
        List<LoggedEvent> sorted = new ArrayList<>(batch);
        sorted.sort(Comparator.comparingLong(LoggedEvent::position));
        List<LoggedEvent> fresh = new ArrayList<>();
        for (LoggedEvent event : sorted) {
            long position = event.position();
            if (position > highWater) {
                for (long skipped = Math.max(highWater, position - 1 - MAX_GAPS) + 1; skipped < position; skipped++) {
                    gaps.put(skipped, now);
                }
                highWater = position;
                fresh.add(event);
            } else if (gaps.remove(position) != null) {
                fresh.add(event);
            }
        }
        while (gaps.size() > MAX_GAPS) {
            gaps.pollFirstEntry();
        }
        return fresh;
    }

    /** Every position at or below this has been handed on or given up: it will not be handed on again. */
    public long settledThrough() {
        return gaps.isEmpty() ? highWater : gaps.firstKey() - 1;
    }

    /** The positions still awaited, for tests and diagnostics. */
    public int openGaps() {
        return gaps.size();
    }

    private void expire(Instant now) {
        Instant cutoff = now.minus(GAP_TIMEOUT);
        gaps.values().removeIf(firstSeen -> !firstSeen.isAfter(cutoff));
    }
}
