package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.Rows;
import dev.openmail.adapters.persistence.SqlErrors;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.port.out.WebhookDeliveries;
import dev.openmail.domain.webhook.AttemptOutcome;
import dev.openmail.domain.webhook.DeliveryStatus;
import dev.openmail.domain.webhook.WebhookAttempt;
import dev.openmail.domain.webhook.WebhookDelivery;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Webhook deliveries and their log over the V8 tables. Every method runs in the caller's transaction when there is
 * one. Claiming works as the outbox's does ({@link JdbcOutbox}): a plain read picks candidates, and a conditional
 * UPDATE that repeats the read's conditions claims each, so of two workers only one gets a delivery.
 */
@Singleton
final class JdbcWebhookDeliveries implements WebhookDeliveries {

    private static final String COLUMNS = "event_id, account_id, inbox_id, status, attempts, next_attempt_at";
    private static final String ATTEMPT_COLUMNS = "account_id, inbox_id, event_id, event_type, attempt, attempted_at,"
            + " url, status_code, error, latency_ms, outcome";
    private static final String PENDING = DeliveryStatus.PENDING.wireName();

    private final Statements sql;

    JdbcWebhookDeliveries(JdbcOperations jdbc) {
        this.sql = new Statements(jdbc);
    }

    /** Writes the delivery of a new event; called by the event log in the transaction that records the event. */
    void insert(WebhookDelivery delivery) {
        sql.update("INSERT INTO webhook_deliveries (" + COLUMNS + ", claimed_until) VALUES (?, ?, ?, ?, ?, ?, NULL)",
                delivery.eventId().value(), delivery.accountId().value(), delivery.inboxId().value(),
                delivery.status().wireName(), delivery.attempts(), Rows.epochMillis(delivery.nextAttemptAt()));
    }

    @Override
    public List<WebhookDelivery> claimDue(Instant now, Duration lease, int max) {
        Objects.requireNonNull(now);
        if (lease.isNegative()) {
            throw new IllegalArgumentException("a lease cannot end before it starts: " + lease);
        }
        if (max <= 0) {
            return List.of();
        }
        long at = Rows.epochMillis(now);
        long until = Math.addExact(at, lease.toMillis());
        List<String> candidates = sql.query("SELECT event_id FROM webhook_deliveries WHERE status = ?"
                        + " AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)"
                        + " ORDER BY status, next_attempt_at, event_id LIMIT ?",
                row -> row.getString(1), PENDING, at, at, max);
        List<WebhookDelivery> claimed = new ArrayList<>();
        for (String eventId : candidates) {
            int changed = sql.update("UPDATE webhook_deliveries SET claimed_until = ? WHERE event_id = ?"
                    + " AND status = ? AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)",
                    until, eventId, PENDING, at, at);
            if (changed == 1) {
                claimed.addAll(sql.query("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE event_id = ?",
                        JdbcWebhookDeliveries::delivery, eventId));
            }
        }
        return claimed;
    }

    @Override
    public void update(WebhookDelivery delivery) {
        sql.update("UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, claimed_until = NULL"
                        + " WHERE event_id = ?", delivery.status().wireName(), delivery.attempts(),
                Rows.epochMillis(delivery.nextAttemptAt()), delivery.eventId().value());
    }

    @Override
    public void log(WebhookAttempt attempt) {
        try {
            sql.update("INSERT INTO webhook_attempts (" + ATTEMPT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    attempt.accountId().value(), attempt.inboxId() == null ? null : attempt.inboxId().value(),
                    attempt.eventId().value(), attempt.eventType(), attempt.attempt(), Rows.epochMillis(attempt.at()),
                    attempt.url(), attempt.statusCode(), JdbcOutbox.keptError(attempt.error()),
                    attempt.latencyMillis(), attempt.outcome().wireName());
        } catch (RuntimeException e) {
            if (SqlErrors.violated(e, "fk_webhook_attempts_inbox")) {
                // The inbox was deleted meanwhile, and its log with it.
                return;
            }
            throw e;
        }
    }

    @Override
    public Page<WebhookAttempt> attemptsOfInbox(AccountId accountId, InboxId inboxId, PageRequest page) {
        long total = sql.query("SELECT COUNT(*) FROM webhook_attempts WHERE account_id = ? AND inbox_id = ?",
                row -> row.getLong(1), accountId.value(), inboxId.value()).get(0);
        List<WebhookAttempt> items = sql.query("SELECT " + ATTEMPT_COLUMNS + " FROM webhook_attempts"
                        + " WHERE account_id = ? AND inbox_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
                JdbcWebhookDeliveries::attempt, accountId.value(), inboxId.value(), page.limit(), page.offset());
        return new Page<>(items, total);
    }

    @Override
    public Page<WebhookAttempt> attemptsOfAccount(AccountId accountId, PageRequest page) {
        long total = sql.query("SELECT COUNT(*) FROM webhook_attempts WHERE account_id = ?",
                row -> row.getLong(1), accountId.value()).get(0);
        List<WebhookAttempt> items = sql.query("SELECT " + ATTEMPT_COLUMNS + " FROM webhook_attempts"
                        + " WHERE account_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
                JdbcWebhookDeliveries::attempt, accountId.value(), page.limit(), page.offset());
        return new Page<>(items, total);
    }

    @Override
    public int removeAttemptsBefore(Instant cutoff, int max) {
        if (max <= 0) {
            return 0;
        }
        List<Long> expired = sql.query("SELECT id FROM webhook_attempts WHERE attempted_at < ?"
                + " ORDER BY attempted_at, id LIMIT ?", row -> row.getLong(1), Rows.epochMillis(cutoff), max);
        if (expired.isEmpty()) {
            return 0;
        }
        return sql.update("DELETE FROM webhook_attempts WHERE id IN ("
                + String.join(", ", Collections.nCopies(expired.size(), "?")) + ")", expired.toArray());
    }

    private static WebhookDelivery delivery(ResultSet row) throws SQLException {
        return new WebhookDelivery(new EventId(row.getString("event_id")), new AccountId(row.getString("account_id")),
                new InboxId(row.getString("inbox_id")), DeliveryStatus.fromWireName(row.getString("status")),
                row.getInt("attempts"), Rows.instant(row.getLong("next_attempt_at")));
    }

    private static WebhookAttempt attempt(ResultSet row) throws SQLException {
        String inboxId = row.getString("inbox_id");
        return new WebhookAttempt(new EventId(row.getString("event_id")), row.getString("event_type"),
                new AccountId(row.getString("account_id")), inboxId == null ? null : new InboxId(inboxId),
                row.getInt("attempt"), Rows.instant(row.getLong("attempted_at")), row.getString("url"),
                row.getInt("status_code"), row.getString("error"), row.getLong("latency_ms"),
                AttemptOutcome.fromWireName(row.getString("outcome")));
    }
}
