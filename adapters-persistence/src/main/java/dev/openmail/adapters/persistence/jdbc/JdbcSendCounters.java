package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.SqlErrors;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.port.out.SendCounters;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

/**
 * Send counts over V18 {@code send_counts}, in the caller's transaction. The window's row is made when missing (of
 * two sends making it at once, one insert fails on the key and that send goes on to the update), then counted by an
 * UPDATE whose WHERE holds the cap: the row lock it takes puts concurrent sends in line, and the one that finds the
 * window full changes nothing.
 */
@Singleton
final class JdbcSendCounters implements SendCounters {

    private final Statements sql;

    JdbcSendCounters(JdbcOperations jdbc) {
        this.sql = new Statements(jdbc);
    }

    @Override
    public boolean tryCount(AccountId accountId, InboxId inboxId, String window, long windowStart, int cap) {
        sql.update("DELETE FROM send_counts WHERE account_id = ? AND inbox_id = ? AND window_kind = ?"
                + " AND window_start < ?", accountId.value(), inboxId.value(), window, windowStart);
        try {
            sql.update("INSERT INTO send_counts (account_id, inbox_id, window_kind, window_start, sent)"
                    + " VALUES (?, ?, ?, ?, 0)", accountId.value(), inboxId.value(), window, windowStart);
        } catch (RuntimeException e) {
            if (!SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
        }
        return sql.update("UPDATE send_counts SET sent = sent + 1 WHERE account_id = ? AND inbox_id = ?"
                        + " AND window_kind = ? AND window_start = ? AND sent < ?", accountId.value(), inboxId.value(),
                window, windowStart, cap) == 1;
    }
}
