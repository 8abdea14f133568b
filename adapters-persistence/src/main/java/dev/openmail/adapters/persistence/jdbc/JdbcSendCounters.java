package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.SqlErrors;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.port.out.SendCounters;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

/**
 * Send counts over V18 {@code send_counts}, in the caller's transaction. A send counts itself by an UPDATE whose WHERE
 * holds the cap, one statement while its window's row exists: the row lock puts concurrent sends in line, and the one
 * that finds the window full changes nothing. The first send of a window makes the row (and forgets the inbox's
 * earlier window of that kind); of two making it at once, one insert fails on the key and that send counts by the
 * UPDATE after all.
 */
@Singleton
final class JdbcSendCounters implements SendCounters {

    private final Statements sql;

    JdbcSendCounters(JdbcOperations jdbc) {
        this.sql = new Statements(jdbc);
    }

    @Override
    public boolean tryCount(AccountId accountId, InboxId inboxId, String window, long windowStart, int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("a cap is at least 1 (no cap is no count): " + cap);
        }
        if (counted(accountId, inboxId, window, windowStart, cap)) {
            return true;
        }
        sql.update("DELETE FROM send_counts WHERE account_id = ? AND inbox_id = ? AND window_kind = ?"
                + " AND window_start < ?", accountId.value(), inboxId.value(), window, windowStart);
        try {
            sql.update("INSERT INTO send_counts (account_id, inbox_id, window_kind, window_start, sent)"
                    + " VALUES (?, ?, ?, ?, 1)", accountId.value(), inboxId.value(), window, windowStart);
            return true;
        } catch (RuntimeException e) {
            if (!SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
            // the window's row is there: full, or made meanwhile by a concurrent send
            return counted(accountId, inboxId, window, windowStart, cap);
        }
    }

    private boolean counted(AccountId accountId, InboxId inboxId, String window, long windowStart, int cap) {
        return sql.update("UPDATE send_counts SET sent = sent + 1 WHERE account_id = ? AND inbox_id = ?"
                        + " AND window_kind = ? AND window_start = ? AND sent < ?", accountId.value(), inboxId.value(),
                window, windowStart, cap) == 1;
    }
}
