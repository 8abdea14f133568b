package dev.openmail.application.fakes;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.event.EventFilter;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.event.Subscriber;
import dev.openmail.domain.event.SubscriberId;
import dev.openmail.domain.port.out.EventSubscribers;
import dev.openmail.domain.port.out.LiveSubscribers;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The installation's live WebSocket connections in memory, with the rules of their table: a connection not marked
 * alive for {@link Subscriber#DEAD_AFTER} counts for nothing. Not rolled back with a transaction: the use cases write
 * it last in theirs.
 */
public final class InMemorySubscribers implements LiveSubscribers, EventSubscribers {

    private record Row(Subscriber subscriber, Instant aliveAt) {
    }

    private final Map<SubscriberId, Row> rows = new LinkedHashMap<>();

    @Override
    public synchronized int countLive(AccountId accountId, Instant liveSince) {
        return (int) rows.values().stream().filter(row -> row.subscriber().accountId().equals(accountId)
                && !row.aliveAt().isBefore(liveSince)).count();
    }

    @Override
    public synchronized void add(Subscriber subscriber, Instant now) {
        if (rows.putIfAbsent(subscriber.id(), new Row(subscriber, now)) != null) {
            throw new IllegalStateException("duplicate key: subscriber " + subscriber.id());
        }
    }

    @Override
    public synchronized void update(SubscriberId id, EventFilter filter) {
        rows.computeIfPresent(id, (ignored, row) -> new Row(withFilter(row.subscriber(), filter), row.aliveAt()));
    }

    @Override
    public synchronized void remove(SubscriberId id) {
        rows.remove(id);
    }

    @Override
    public synchronized void heartbeat(String instance, Instant now) {
        rows.replaceAll((id, row) -> row.subscriber().instance().equals(instance) ? new Row(row.subscriber(), now) : row);
    }

    @Override
    public synchronized void removeInstance(String instance) {
        rows.values().removeIf(row -> row.subscriber().instance().equals(instance));
    }

    @Override
    public synchronized int removeDead(Instant liveSince) {
        int before = rows.size();
        rows.values().removeIf(row -> row.aliveAt().isBefore(liveSince));
        return before - rows.size();
    }

    @Override
    public synchronized boolean subscribed(MailEvent event, Instant now) {
        Instant liveSince = now.minus(Subscriber.DEAD_AFTER);
        return rows.values().stream().anyMatch(row -> !row.aliveAt().isBefore(liveSince)
                && row.subscriber().accountId().equals(event.accountId())
                && row.subscriber().filter().hears(event, row.subscriber().scope()));
    }

    /** The connections held, oldest first. */
    public synchronized List<Subscriber> all() {
        return rows.values().stream().map(Row::subscriber).toList();
    }

    private static Subscriber withFilter(Subscriber subscriber, EventFilter filter) {
        return new Subscriber(subscriber.id(), subscriber.instance(), subscriber.accountId(), subscriber.keyId(),
                subscriber.scope(), filter);
    }
}
