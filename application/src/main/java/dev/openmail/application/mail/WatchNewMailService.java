package dev.openmail.application.mail;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.common.UnauthorizedException;
import dev.openmail.domain.event.EventFilter;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.LoggedEvent;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.event.MailWatch;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.port.in.WatchNewMail;
import dev.openmail.domain.port.out.LoadApiKeys;
import dev.openmail.domain.port.out.LoadEvents;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.Transactions;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Follows one account's part of the event log as the WebSocket tail follows the whole log ({@link MailWatch}): every
 * read is by account and position, through the log's index, and nothing is kept between watches but the cursor the
 * caller holds, so any process answers any watch.
 */
public final class WatchNewMailService implements WatchNewMail {

    /** How far below its starting point a watch looks for events that may still commit (as the WebSocket tail). */
    static final int START_WINDOW = 200;
    /** Events read per poll at most; a busier account is caught up over the next polls. */
    static final int BATCH = 500;

    private final Transactions transactions;
    private final LoadApiKeys loadApiKeys;
    private final LoadInboxes loadInboxes;
    private final LoadEvents loadEvents;
    private final Clock clock;

    public WatchNewMailService(Transactions transactions, LoadApiKeys loadApiKeys, LoadInboxes loadInboxes,
                               LoadEvents loadEvents, Clock clock) {
        this.transactions = transactions;
        this.loadApiKeys = loadApiKeys;
        this.loadInboxes = loadInboxes;
        this.loadEvents = loadEvents;
        this.clock = clock;
    }

    @Override
    public MailWatch open(Caller caller, InboxId inboxOrNull, EventId sinceOrNull) {
        Access.requireKind(caller, Action.READ_MAIL);
        return transactions.inTransaction(() -> {
            if (inboxOrNull != null) {
                ReadMailAccess.inboxFor(caller, Action.READ_MAIL, loadInboxes, inboxOrNull);
            }
            long head;
            EventId cursor;
            if (sinceOrNull != null) {
                head = loadEvents.positionOf(caller.accountId(), sinceOrNull).orElseThrow(() -> new InvalidInputException(
                        "since", "since is no event of this account that the log still keeps; wait without it to"
                        + " start from now."));
                cursor = sinceOrNull;
            } else {
                LoggedEvent last = loadEvents.lastOfAccount(caller.accountId()).orElse(null);
                head = last == null ? 0 : last.position();
                cursor = last == null ? null : last.event().id();
            }
            long floor = Math.max(0, head - START_WINDOW);
            List<LoggedEvent> window = loadEvents.ofAccountAfterPosition(caller.accountId(), floor, START_WINDOW);
            EventFilter filter = inboxOrNull == null
                    ? new EventFilter(true, Set.of(), false, Set.of(EventType.MESSAGE_RECEIVED))
                    : new EventFilter(false, Set.of(inboxOrNull), false, Set.of(EventType.MESSAGE_RECEIVED));
            return MailWatch.startingAt(caller.accountId(), filter, floor, head, cursor, window, clock.instant());
        });
    }

    /**
     * Reads the log once more, if the caller's key still holds: a watch outlives the request's authentication by up
     * to its timeout, and a key revoked meanwhile must not be handed the mail that arrives after.
     */
    @Override
    public List<MailEvent> poll(Caller caller, MailWatch watch) {
        Access.requireKind(caller, Action.READ_MAIL);
        if (!watch.accountId().equals(caller.accountId())) {
            throw new IllegalArgumentException("a watch is polled by the account that opened it");
        }
        long after = watch.readAfter(clock.instant());
        List<LoggedEvent> batch = transactions.inTransaction(() -> {
            if (loadApiKeys.find(caller.accountId(), caller.keyId())
                    .filter(key -> key.scope().equals(caller.scope())).isEmpty()) {
                throw new UnauthorizedException("This API key was revoked while it waited for mail.");
            }
            return loadEvents.ofAccountAfterPosition(caller.accountId(), after, BATCH);
        });
        Instant now = clock.instant();
        return watch.take(batch, now, caller.scope());
    }
}
