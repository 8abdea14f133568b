package dev.openmail.application.event;

import dev.openmail.domain.event.LoggedEvent;
import dev.openmail.domain.event.Subscriber;
import dev.openmail.domain.port.in.FollowEventLog;
import dev.openmail.domain.port.out.LiveSubscribers;
import dev.openmail.domain.port.out.LoadEvents;
import dev.openmail.domain.port.out.Transactions;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** A server process's upkeep of its WebSocket connections: the log it follows and the liveness it reports. */
public final class FollowEventLogService implements FollowEventLog {

    private final Transactions transactions;
    private final LoadEvents loadEvents;
    private final LiveSubscribers subscribers;
    private final Clock clock;

    public FollowEventLogService(Transactions transactions, LoadEvents loadEvents, LiveSubscribers subscribers,
                                 Clock clock) {
        this.transactions = transactions;
        this.loadEvents = loadEvents;
        this.subscribers = subscribers;
        this.clock = clock;
    }

    @Override
    public long lastPosition() {
        return loadEvents.lastPosition();
    }

    @Override
    public List<LoggedEvent> after(long position, int limit) {
        return loadEvents.after(position, limit);
    }

    @Override
    public void heartbeat(String instance) {
        Instant now = clock.instant();
        transactions.inTransaction(() -> subscribers.heartbeat(instance, now));
        transactions.inTransaction(() -> subscribers.removeDead(now.minus(Subscriber.DEAD_AFTER)));
    }

    @Override
    public void forget(String instance) {
        transactions.inTransaction(() -> subscribers.removeInstance(instance));
    }
}
