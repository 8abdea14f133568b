package dev.openmail.domain.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How many messages one inbox may send: at most {@code burstPerMinute} in a minute and {@code dailyPerInbox} in a UTC
 * day (OpenMail's rate-limits page: 10 and 200). 0 means no cap. The windows are fixed (a calendar minute, a UTC
 * day), so that one counter row per window holds the count exactly across server processes.
 */
public record SendLimits(int burstPerMinute, int dailyPerInbox) {

    public static final SendLimits NONE = new SendLimits(0, 0);
    public static final SendLimits DEFAULT = new SendLimits(10, 200);

    private static final long MINUTE_MILLIS = 60_000;
    /** Epoch milliseconds have no leap seconds, so a UTC day is exactly this many of them. */
    private static final long DAY_MILLIS = 86_400_000;

    public SendLimits {
        if (burstPerMinute < 0 || dailyPerInbox < 0) {
            throw new IllegalArgumentException("send limits are 0 (none) or more: " + burstPerMinute + ", "
                    + dailyPerInbox);
        }
    }

    /**
     * One cap's window as it stands at a moment: its kind ({@code minute}, {@code day}), where it started (epoch
     * millis), its cap, and the refusal to give when it is full.
     */
    public record Window(String kind, long start, int cap, SendLimitExceededException refusal) {
    }

    /** The windows a send at {@code now} counts in, the minute's first; none for a cap of 0. */
    public List<Window> windowsAt(Instant now) {
        long at = now.toEpochMilli();
        List<Window> windows = new ArrayList<>(2);
        if (burstPerMinute > 0) {
            long minute = Math.floorDiv(at, MINUTE_MILLIS) * MINUTE_MILLIS;
            windows.add(new Window("minute", minute, burstPerMinute, new SendLimitExceededException(
                    burstPerMinute + " sends per minute per inbox", Duration.ofMillis(minute + MINUTE_MILLIS - at))));
        }
        if (dailyPerInbox > 0) {
            long day = Math.floorDiv(at, DAY_MILLIS) * DAY_MILLIS;
            windows.add(new Window("day", day, dailyPerInbox, new SendLimitExceededException(
                    dailyPerInbox + " sends per day (UTC) per inbox", Duration.ofMillis(day + DAY_MILLIS - at))));
        }
        return windows;
    }
}
