package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.Rows;
import dev.openmail.adapters.persistence.SqlErrors;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.event.EventAttachment;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.LoggedEvent;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.event.MessageSnapshot;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.out.ExpireEvents;
import dev.openmail.domain.port.out.LoadEvents;
import dev.openmail.domain.port.out.RecordEvents;
import dev.openmail.domain.webhook.WebhookDelivery;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The event log over its tables (V7). Every method runs in the caller's transaction when there is one. Recording an
 * event also writes its webhook delivery (V8), so that the two exist together.
 *
 * <p>Expiry deletes by primary key what a plain read found expired, at most a batch at a time: two processes doing
 * it at once delete each row once between them, and neither holds more than a batch of row locks for long.
 */
@Singleton
final class JdbcEventLog implements RecordEvents, LoadEvents, ExpireEvents {

    private static final String COLUMNS = "position, id, event_type, account_id, pod_id, inbox_id, thread_id,"
            + " message_id, occurred_at, rfc_message_id, from_addr, to_addr, cc, subject, body_text, received_at, delivery, "
            + VerdictColumns.NAMES;

    private final Statements sql;
    private final JdbcWebhookDeliveries deliveries;

    JdbcEventLog(JdbcOperations jdbc, JdbcWebhookDeliveries deliveries) {
        this.sql = new Statements(jdbc);
        this.deliveries = deliveries;
    }

    @Override
    public void record(List<MailEvent> events) {
        for (MailEvent event : events) {
            MessageSnapshot message = event.message();
            try {
                Object[] values = {event.id().value(), event.type().wireName(), event.accountId().value(),
                        event.podId().value(), event.inboxId().value(), event.threadId().value(),
                        event.messageId().value(), Rows.epochMillis(event.occurredAt()), message.rfcMessageId(),
                        message.from(), message.to(), ListColumns.joined(message.cc(), "a Cc address"),
                        message.subject(), message.bodyText(), Rows.epochMillis(message.receivedAt()),
                        DeliveryColumn.joined(message.delivery())};
                sql.update("INSERT INTO events (id, event_type, account_id, pod_id, inbox_id, thread_id, message_id,"
                                + " occurred_at, rfc_message_id, from_addr, to_addr, cc, subject, body_text, received_at,"
                                + " delivery, " + VerdictColumns.NAMES
                                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                + VerdictColumns.PLACEHOLDERS + ")",
                        Stream.concat(Arrays.stream(values),
                                Arrays.stream(VerdictColumns.values(message.authentication(), message.spam())))
                                .toArray());
            } catch (RuntimeException e) {
                if (SqlErrors.violated(e, "fk_events_inbox")) {
                    // The inbox was deleted meanwhile, and its events with it.
                    continue;
                }
                throw e;
            }
            List<EventAttachment> attachments = message.attachments();
            for (int i = 0; i < attachments.size(); i++) {
                EventAttachment attachment = attachments.get(i);
                sql.update("INSERT INTO event_attachments (event_id, position, filename, content_type, size_bytes,"
                                + " parsed_text, extraction_method, parsed_text_truncated)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", event.id().value(), i, attachment.filename(),
                        attachment.contentType(), attachment.sizeBytes(), attachment.parsedText(),
                        attachment.extractionMethod(), attachment.parsedTextTruncated());
            }
            deliveries.insert(WebhookDelivery.of(event));
        }
    }

    @Override
    public Optional<MailEvent> find(AccountId accountId, EventId id) {
        return withAttachments(sql.query("SELECT " + COLUMNS + " FROM events WHERE account_id = ? AND id = ?",
                JdbcEventLog::event, accountId.value(), id.value())).stream().findFirst().map(LoggedEvent::event);
    }

    @Override
    public List<LoggedEvent> ofAccount(AccountId accountId, int limit) {
        return ofAccountFrom(accountId, 0, limit);
    }

    @Override
    public Optional<List<LoggedEvent>> ofAccountAfter(AccountId accountId, EventId after, int limit) {
        return sql.query("SELECT position FROM events WHERE account_id = ? AND id = ?", row -> row.getLong(1),
                        accountId.value(), after.value()).stream().findFirst()
                .map(position -> ofAccountFrom(accountId, position, limit));
    }

    @Override
    public OptionalLong positionOf(AccountId accountId, EventId id) {
        return sql.query("SELECT position FROM events WHERE account_id = ? AND id = ?", row -> row.getLong(1),
                        accountId.value(), id.value()).stream().mapToLong(Long::longValue).findFirst();
    }

    @Override
    public List<LoggedEvent> ofAccountAfterPosition(AccountId accountId, long position, int limit) {
        return ofAccountFrom(accountId, position, limit);
    }

    @Override
    public Optional<LoggedEvent> lastOfAccount(AccountId accountId) {
        return withAttachments(sql.query("SELECT " + COLUMNS + " FROM events WHERE account_id = ?"
                + " ORDER BY position DESC LIMIT 1", JdbcEventLog::event, accountId.value())).stream().findFirst();
    }

    private List<LoggedEvent> ofAccountFrom(AccountId accountId, long after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return withAttachments(sql.query("SELECT " + COLUMNS + " FROM events WHERE account_id = ? AND position > ?"
                + " ORDER BY position LIMIT ?", JdbcEventLog::event, accountId.value(), after, limit));
    }

    @Override
    public long lastPosition() {
        return sql.query("SELECT MAX(position) FROM events", row -> row.getLong(1)).stream().findFirst().orElse(0L);
    }

    @Override
    public List<LoggedEvent> after(long position, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return withAttachments(sql.query("SELECT " + COLUMNS + " FROM events WHERE position > ? ORDER BY position"
                + " LIMIT ?", JdbcEventLog::event, position, limit));
    }

    @Override
    public int removeOccurredBefore(Instant cutoff, int max) {
        Objects.requireNonNull(cutoff);
        if (max <= 0) {
            return 0;
        }
        List<Long> expired = sql.query("SELECT position FROM events WHERE occurred_at < ?"
                + " ORDER BY occurred_at, position LIMIT ?", row -> row.getLong(1), Rows.epochMillis(cutoff), max);
        if (expired.isEmpty()) {
            return 0;
        }
        return sql.update("DELETE FROM events WHERE position IN ("
                + String.join(", ", Collections.nCopies(expired.size(), "?")) + ")", expired.toArray());
    }

    /** A read event without its attachments, which {@link #withAttachments} adds. */
    private record Row(long position, MailEvent event) {
    }

    private List<LoggedEvent> withAttachments(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<EventAttachment>> attachments = new HashMap<>();
        sql.query("SELECT event_id, filename, content_type, size_bytes, parsed_text, extraction_method,"
                        + " parsed_text_truncated FROM event_attachments WHERE event_id IN ("
                        + String.join(", ", Collections.nCopies(rows.size(), "?")) + ") ORDER BY event_id, position",
                row -> {
                    String eventId = row.getString(1);
                    attachments.computeIfAbsent(eventId, id -> new ArrayList<>()).add(new EventAttachment(
                            row.getString(2), row.getString(3), row.getLong(4), row.getString(5),
                            row.getString(6), row.getBoolean(7)));
                    return eventId;
                }, rows.stream().map(row -> row.event().id().value()).toArray());
        return rows.stream().map(row -> {
            MailEvent read = row.event();
            MessageSnapshot message = read.message();
            MessageSnapshot whole = new MessageSnapshot(message.rfcMessageId(), message.from(), message.to(),
                    message.cc(), message.subject(), message.bodyText(),
                    attachments.getOrDefault(read.id().value(), List.of()), message.receivedAt(),
                    message.authentication(), message.spam(), message.delivery());
            return new LoggedEvent(row.position(), new MailEvent(read.id(), read.type(), read.accountId(),
                    read.podId(), read.inboxId(), read.threadId(), read.messageId(), read.occurredAt(), whole));
        }).toList();
    }

    private static Row event(ResultSet row) throws SQLException {
        MessageSnapshot message = new MessageSnapshot(row.getString("rfc_message_id"), row.getString("from_addr"),
                row.getString("to_addr"), ListColumns.split(row.getString("cc")), row.getString("subject"),
                row.getString("body_text"), List.of(), Rows.instant(row.getLong("received_at")),
                VerdictColumns.authentication(row), VerdictColumns.spam(row),
                DeliveryColumn.split(row.getString("delivery")));
        return new Row(row.getLong("position"), new MailEvent(new EventId(row.getString("id")),
                EventType.fromWireName(row.getString("event_type")), new AccountId(row.getString("account_id")),
                new PodId(row.getString("pod_id")), new InboxId(row.getString("inbox_id")),
                new ThreadId(row.getString("thread_id")), new MessageId(row.getString("message_id")),
                Rows.instant(row.getLong("occurred_at")), message));
    }
}
