package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.Rows;
import dev.openmail.domain.port.out.InspectQueues;
import dev.openmail.domain.webhook.DeliveryStatus;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The queues' sizes over the V4 outbox and the V8 webhook deliveries. The outbox is counted whole (its rows are the
 * pending work); webhook deliveries through the index on (status, next_attempt_at), so that delivered rows are not
 * read. The event lag joins the pending deliveries to their events by primary key.
 */
@Singleton
final class JdbcQueues implements InspectQueues {

    private static final String PENDING = DeliveryStatus.PENDING.wireName();

    private final Statements sql;

    JdbcQueues(JdbcOperations jdbc) {
        this.sql = new Statements(jdbc);
    }

    @Override
    public QueueState outbox() {
        return sql.query("SELECT COUNT(*), MIN(next_attempt_at) FROM outbox", JdbcQueues::state).get(0);
    }

    @Override
    public QueueState webhooks() {
        return sql.query("SELECT COUNT(*), MIN(next_attempt_at) FROM webhook_deliveries WHERE status = ?",
                JdbcQueues::state, PENDING).get(0);
    }

    @Override
    public Optional<Instant> oldestUndeliveredEvent() {
        return sql.query("SELECT MIN(e.occurred_at) FROM webhook_deliveries d JOIN events e ON e.id = d.event_id"
                + " WHERE d.status = ?", row -> instantOrNull(row, 1), PENDING).stream()
                .filter(at -> at != null).findFirst();
    }

    private static QueueState state(ResultSet row) throws SQLException {
        return new QueueState(row.getLong(1), Optional.ofNullable(instantOrNull(row, 2)));
    }

    private static Instant instantOrNull(ResultSet row, int column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Rows.instant(millis);
    }
}
