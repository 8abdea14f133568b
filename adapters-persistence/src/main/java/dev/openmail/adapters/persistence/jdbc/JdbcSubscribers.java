package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.Rows;
import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.event.EventFilter;
import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.event.Subscriber;
import dev.openmail.domain.event.SubscriberId;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.out.EventSubscribers;
import dev.openmail.domain.port.out.LiveSubscribers;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The live WebSocket connections of every process (V9, {@code event_subscribers}). Whether an event is heard is
 * decided by the domain's {@link EventFilter} over the account's few live rows (at most
 * {@link Subscriber#MAX_PER_ACCOUNT}), so that the rule is written once.
 */
@Singleton
final class JdbcSubscribers implements LiveSubscribers, EventSubscribers {

    private final Statements sql;

    JdbcSubscribers(JdbcOperations jdbc) {
        this.sql = new Statements(jdbc);
    }

    @Override
    public int countLive(AccountId accountId, Instant liveSince) {
        return sql.query("SELECT COUNT(*) FROM event_subscribers WHERE account_id = ? AND heartbeat_at >= ?",
                row -> row.getInt(1), accountId.value(), Rows.epochMillis(liveSince)).get(0);
    }

    @Override
    public void add(Subscriber subscriber, Instant now) {
        KeyScope scope = subscriber.scope();
        EventFilter filter = subscriber.filter();
        sql.update("INSERT INTO event_subscribers (id, instance_id, account_id, key_id, key_pod_id, key_inbox_id,"
                        + " all_inboxes, inbox_ids, all_types, event_types, heartbeat_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                subscriber.id().value(), subscriber.instance(), subscriber.accountId().value(),
                subscriber.keyId().value(), scope.podOrNull() == null ? null : scope.podOrNull().value(),
                scope.inboxOrNull() == null ? null : scope.inboxOrNull().value(), filter.allInboxes(),
                inboxIds(filter), filter.allTypes(), types(filter), Rows.epochMillis(now));
    }

    @Override
    public void update(SubscriberId id, EventFilter filter) {
        sql.update("UPDATE event_subscribers SET all_inboxes = ?, inbox_ids = ?, all_types = ?, event_types = ?"
                + " WHERE id = ?", filter.allInboxes(), inboxIds(filter), filter.allTypes(), types(filter), id.value());
    }

    @Override
    public void remove(SubscriberId id) {
        sql.update("DELETE FROM event_subscribers WHERE id = ?", id.value());
    }

    @Override
    public void heartbeat(String instance, Instant now) {
        sql.update("UPDATE event_subscribers SET heartbeat_at = ? WHERE instance_id = ?", Rows.epochMillis(now),
                instance);
    }

    @Override
    public void removeInstance(String instance) {
        sql.update("DELETE FROM event_subscribers WHERE instance_id = ?", instance);
    }

    @Override
    public int removeDead(Instant liveSince) {
        return sql.update("DELETE FROM event_subscribers WHERE heartbeat_at < ?", Rows.epochMillis(liveSince));
    }

    @Override
    public boolean subscribed(MailEvent event, Instant now) {
        return sql.query("SELECT key_pod_id, key_inbox_id, all_inboxes, inbox_ids, all_types, event_types"
                                + " FROM event_subscribers WHERE account_id = ? AND heartbeat_at >= ?",
                        JdbcSubscribers::listener, event.accountId().value(),
                        Rows.epochMillis(now.minus(Subscriber.DEAD_AFTER)))
                .stream().anyMatch(listener -> listener.filter().hears(event, listener.scope()));
    }

    private record Listener(KeyScope scope, EventFilter filter) {
    }

    private static Listener listener(ResultSet row) throws SQLException {
        String pod = row.getString("key_pod_id");
        String inbox = row.getString("key_inbox_id");
        KeyScope scope = KeyScope.of(pod == null ? null : new PodId(pod), inbox == null ? null : new InboxId(inbox));
        Set<InboxId> inboxes = ListColumns.split(row.getString("inbox_ids")).stream().map(InboxId::new)
                .collect(Collectors.toSet());
        Set<EventType> types = ListColumns.split(row.getString("event_types")).stream().map(EventType::fromWireName)
                .collect(Collectors.toSet());
        return new Listener(scope, new EventFilter(row.getBoolean("all_inboxes"), inboxes, row.getBoolean("all_types"),
                types));
    }

    private static String inboxIds(EventFilter filter) {
        return ListColumns.joined(filter.inboxIds().stream().map(InboxId::value).toList(), "an inbox id");
    }

    private static String types(EventFilter filter) {
        return ListColumns.joined(filter.types().stream().map(EventType::wireName).toList(), "an event type");
    }
}
