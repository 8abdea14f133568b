package dev.openmail.domain.event;

import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.account.AccountId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where one watch for new mail stands in its account's part of the event log: a {@link LogTail} over the account's
 * events (so that an event committing after a later one is still handed on, once), what the watch hears, and the
 * cursor a next watch resumes from: the latest of the account's events it has passed, heard or not.
 *
 * <p>Not thread-safe: one caller owns it.
 */
public final class MailWatch {

    private final AccountId accountId;
    private final EventFilter filter;
    private final LogTail tail;
    private long cursorPosition;
    private EventId cursor;

    private MailWatch(AccountId accountId, EventFilter filter, LogTail tail, long cursorPosition, EventId cursor) {
        this.accountId = Objects.requireNonNull(accountId);
        this.filter = Objects.requireNonNull(filter);
        this.tail = tail;
        this.cursorPosition = cursorPosition;
        this.cursor = cursor;
    }

    /**
     * A watch of the account's events after {@code head}, the position of {@code cursor} (null and 0 while the account
     * has no event). {@code window} is what the account's log held after {@code floor}: positions between them
     * missing from it may still commit, and are watched for (as {@link LogTail#startingAt} explains).
     */
    public static MailWatch startingAt(AccountId accountId, EventFilter filter, long floor, long head, EventId cursor,
                                       List<LoggedEvent> window, Instant now) {
        return new MailWatch(accountId, filter, LogTail.startingAt(floor, head, window, now), head, cursor);
    }

    public AccountId accountId() {
        return accountId;
    }

    /** The position to read the account's log after, now. */
    public long readAfter(Instant now) {
        return tail.readAfter(now);
    }

    /**
     * The events of {@code batch} (the account's, read after {@link #readAfter}) not handed on before that the watch
     * hears and a key of {@code scope} may read, oldest first; the cursor moves past every new one.
     */
    public List<MailEvent> take(List<LoggedEvent> batch, Instant now, KeyScope scope) {
        List<LoggedEvent> fresh = tail.accept(batch, now);
        for (LoggedEvent event : fresh) {
            if (event.position() > cursorPosition) {
                cursorPosition = event.position();
                cursor = event.event().id();
            }
        }
        return fresh.stream().map(LoggedEvent::event).filter(event -> filter.hears(event, scope)).toList();
    }

    /** Where a next watch resumes so that it misses nothing and repeats nothing; null while the account has no event. */
    public EventId cursor() {
        return cursor;
    }
}
