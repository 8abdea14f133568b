package dev.openmail.domain.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How many messages one inbox may send: at most {@code burstPerMinute} in a minute and {@code dailyPerInbox} in a UTC
 * day (OpenMail's rate-limits page: 10 and 200). 0 means no cap. The windows are fixed (a calendar minute, a UTC
 * day), so that one counter row per window holds the count exactly across server processes.
 *
 * <p>The cold-outreach caps count recipients, not messages, per UTC day: {@code coldPerInboxNew} for an inbox in its
 * first {@link #YOUNG} (after that only {@code dailyPerInbox} holds it), and across all of an account's inboxes
 * {@code coldPerAccountNew} in the account's first {@link #YOUNG}, {@code coldPerAccount} after (the page's Free plan:
 * 20, 30 and 100). 0 means no cap.
 */
public record SendLimits(int burstPerMinute, int dailyPerInbox, int coldPerInboxNew, int coldPerAccountNew,
                         int coldPerAccount) {

    public static final SendLimits NONE = new SendLimits(0, 0, 0, 0, 0);
    public static final SendLimits DEFAULT = new SendLimits(10, 200, 20, 30, 100);
    /** How long an inbox or an account counts as new for the cold-outreach caps. */
    public static final Duration YOUNG = Duration.ofDays(30);

    private static final long MINUTE_MILLIS = 60_000;
    /** Epoch milliseconds have no leap seconds, so a UTC day is exactly this many of them. */
    private static final long DAY_MILLIS = 86_400_000;

    public SendLimits {
        if (burstPerMinute < 0 || dailyPerInbox < 0 || coldPerInboxNew < 0 || coldPerAccountNew < 0
                || coldPerAccount < 0) {
            throw new IllegalArgumentException("send limits are 0 (none) or more: " + burstPerMinute + ", "
                    + dailyPerInbox + ", " + coldPerInboxNew + ", " + coldPerAccountNew + ", " + coldPerAccount);
        }
    }

    /** With no cold-outreach caps. */
    public SendLimits(int burstPerMinute, int dailyPerInbox) {
        this(burstPerMinute, dailyPerInbox, 0, 0, 0);
    }

    /** These limits with each value {@code overrides} sets in place of this one. */
    public SendLimits with(SendLimitOverrides overrides) {
        return new SendLimits(or(overrides.burstPerMinute(), burstPerMinute),
                or(overrides.dailyPerInbox(), dailyPerInbox), or(overrides.coldPerInboxNew(), coldPerInboxNew),
                or(overrides.coldPerAccountNew(), coldPerAccountNew), or(overrides.coldPerAccount(), coldPerAccount));
    }

    private static int or(Integer override, int setting) {
        return override == null ? setting : override;
    }

    /** The cold cap of an inbox created at {@code inboxCreatedAt}, at {@code now}: 0 (none) once it is no longer young. */
    public int coldCapForInbox(Instant inboxCreatedAt, Instant now) {
        return isYoung(inboxCreatedAt, now) ? coldPerInboxNew : 0;
    }

    /**
     * The cold cap of an account created at {@code accountCreatedAtOrNull} (null: unknown, taken as old), at
     * {@code now}.
     */
    public int coldCapForAccount(Instant accountCreatedAtOrNull, Instant now) {
        return accountCreatedAtOrNull != null && isYoung(accountCreatedAtOrNull, now) ? coldPerAccountNew
                : coldPerAccount;
    }

    /** Whether something created at {@code createdAt} is within its first {@link #YOUNG} at {@code now}. */
    public static boolean isYoung(Instant createdAt, Instant now) {
        return now.isBefore(createdAt.plus(YOUNG));
    }

    /** Where the UTC day holding {@code now} started, in epoch millis. */
    public static long dayStart(Instant now) {
        return Math.floorDiv(now.toEpochMilli(), DAY_MILLIS) * DAY_MILLIS;
    }

    /** How long from {@code now} to the next UTC midnight: never zero. */
    public static Duration untilNextDay(Instant now) {
        return Duration.ofMillis(dayStart(now) + DAY_MILLIS - now.toEpochMilli());
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
