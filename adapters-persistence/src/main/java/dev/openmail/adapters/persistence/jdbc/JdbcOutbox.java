package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.Rows;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.OutboxEntry;
import dev.openmail.domain.port.out.Outbox;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Objects;

/**
 * The outbox over its table (V4). Every method runs in the caller's transaction when there is one.
 *
 * <p>Claiming works the same on H2 and on MySQL-family servers without {@code SKIP LOCKED}: a plain read picks the
 * candidates, then each is claimed by an UPDATE whose WHERE repeats the read's conditions. The database evaluates
 * that WHERE on the row as it is when the UPDATE holds the row's lock (InnoDB's UPDATE reads the latest committed
 * row, and waits for a claim not yet committed; H2 re-checks the condition of a row changed meanwhile), so of two
 * workers that read the same candidate only one changes it, and only the entries whose UPDATE changed one row are
 * returned. Both workers take candidates in one order, so claims made inside transactions cannot lock in a cycle.
 */
@Singleton
final class JdbcOutbox implements Outbox {

    /**
     * An error is for people to read; beyond this many characters it is cut, so that even the longest fits the TEXT
     * column (64 KB: 16,000 UTF-16 units are at most 48,000 bytes of UTF-8) and a reschedule never fails on it.
     */
    static final int LAST_ERROR_MAX_CHARS = 16_000;
    private static final String COLUMNS =
            "account_id, message_id, envelope_from, recipients, attempts, next_attempt_at, last_error";
    /** The claiming order; that of the due index, which ends with the primary key. */
    private static final String DUE_ORDER = " ORDER BY next_attempt_at, account_id, message_id";

    private final Statements sql;

    JdbcOutbox(JdbcOperations jdbc) {
        this.sql = new Statements(jdbc);
    }

    /** created_at is when the row was written, for people looking at the queue; nothing reads it back. */
    @Override
    public void enqueue(OutboxEntry entry) {
        sql.update("INSERT INTO outbox (" + COLUMNS + ", claimed_until, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)",
                entry.accountId().value(), entry.messageId().value(), entry.envelopeFrom(),
                ListColumns.joined(entry.recipients(), "a recipient"), entry.attempts(),
                Rows.epochMillis(entry.nextAttemptAt()), keptError(entry.lastError()), System.currentTimeMillis());
    }

    @Override
    public List<OutboxEntry> claimDue(Instant now, Duration lease, int max) {
        Objects.requireNonNull(now);
        if (lease.isNegative()) {
            throw new IllegalArgumentException("a lease cannot end before it starts: " + lease);
        }
        if (max <= 0) {
            return List.of();
        }
        long at = Rows.epochMillis(now);
        long until = Math.addExact(at, lease.toMillis());
        List<Key> candidates = sql.query("SELECT account_id, message_id FROM outbox"
                        + " WHERE next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)" + DUE_ORDER
                        + " LIMIT ?",
                row -> new Key(row.getString(1), row.getString(2)), at, at, max);
        List<OutboxEntry> claimed = new ArrayList<>();
        for (Key key : candidates) {
            // The due condition is repeated too: another worker may have rescheduled the entry since it was read.
            int changed = sql.update("UPDATE outbox SET claimed_until = ?"
                            + " WHERE account_id = ? AND message_id = ? AND next_attempt_at <= ?"
                            + " AND (claimed_until IS NULL OR claimed_until < ?)",
                    until, key.accountId(), key.messageId(), at, at);
            if (changed == 1) {
                // Read once claimed, so that the attempts and error are those of the row this claim holds.
                sql.query("SELECT " + COLUMNS + " FROM outbox WHERE account_id = ? AND message_id = ?",
                        JdbcOutbox::entry, key.accountId(), key.messageId()).forEach(claimed::add);
            }
        }
        return claimed;
    }

    @Override
    public void reschedule(OutboxEntry entry) {
        sql.update("UPDATE outbox SET recipients = ?, attempts = ?, next_attempt_at = ?, last_error = ?,"
                        + " claimed_until = NULL WHERE account_id = ? AND message_id = ?",
                ListColumns.joined(entry.recipients(), "a recipient"), entry.attempts(),
                Rows.epochMillis(entry.nextAttemptAt()), keptError(entry.lastError()),
                entry.accountId().value(), entry.messageId().value());
    }

    @Override
    public void remove(AccountId accountId, MessageId messageId) {
        sql.update("DELETE FROM outbox WHERE account_id = ? AND message_id = ?", accountId.value(), messageId.value());
    }

    @Override
    public OptionalLong claimedUntil(AccountId accountId, MessageId messageId) {
        List<Long> found = sql.query("SELECT claimed_until FROM outbox WHERE account_id = ? AND message_id = ?"
                + " FOR UPDATE", row -> {
                    long until = row.getLong(1);
                    return row.wasNull() ? null : until;
                }, accountId.value(), messageId.value());
        return found.isEmpty() || found.get(0) == null ? OptionalLong.empty() : OptionalLong.of(found.get(0));
    }

    private record Key(String accountId, String messageId) {
    }

    private static OutboxEntry entry(ResultSet row) throws SQLException {
        return new OutboxEntry(new AccountId(row.getString("account_id")), new MessageId(row.getString("message_id")),
                row.getString("envelope_from"), ListColumns.split(row.getString("recipients")), row.getInt("attempts"),
                Instant.ofEpochMilli(row.getLong("next_attempt_at")), row.getString("last_error"));
    }

    /** The error's first {@link #LAST_ERROR_MAX_CHARS} characters, without half of a surrogate pair at the cut. */
    static String keptError(String error) {
        if (error == null || error.length() <= LAST_ERROR_MAX_CHARS) {
            return error;
        }
        int end = LAST_ERROR_MAX_CHARS;
        if (Character.isHighSurrogate(error.charAt(end - 1))) {
            end--;
        }
        return error.substring(0, end);
    }
}
