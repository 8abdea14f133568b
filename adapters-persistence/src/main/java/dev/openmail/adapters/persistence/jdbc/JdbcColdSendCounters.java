package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.SqlErrors;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.port.out.ColdSendCounters;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

/**
 * Cold sends per UTC day, in the caller's transaction: an inbox's in V18 {@code send_counts} and an account's in V20
 * {@code account_send_counts}, both under window kind {@code cold}. As in {@link JdbcSendCounters}, a count is one
 * UPDATE whose WHERE holds the cap ({@code sent + n <= cap}) while the day's row exists; its row lock puts concurrent
 * sends in line, so n recipients are counted all together or not at all and no day passes its cap. The day's first
 * send inserts the row (with n, if n fits) and forgets the earlier days; of two inserting at once, the one that meets
 * the key counts by the UPDATE after all.
 */
@Singleton
final class JdbcColdSendCounters implements ColdSendCounters {

    private static final String KIND = "cold";

    private final Statements sql;

    JdbcColdSendCounters(JdbcOperations jdbc) {
        this.sql = new Statements(jdbc);
    }

    @Override
    public boolean tryCountForInbox(AccountId accountId, InboxId inboxId, long dayStart, int sends, int cap) {
        return tryCount(new Table("send_counts", "account_id = ? AND inbox_id = ?", "account_id, inbox_id", "?, ?",
                accountId.value(), inboxId.value()), dayStart, sends, cap);
    }

    @Override
    public boolean tryCountForAccount(AccountId accountId, long dayStart, int sends, int cap) {
        return tryCount(new Table("account_send_counts", "account_id = ?", "account_id", "?", accountId.value()),
                dayStart, sends, cap);
    }

    /** Where a count lives: its table, and how its key is matched, listed and bound. */
    private record Table(String name, String matchKey, String keyColumns, String keyPlaceholders, Object... key) {

        Object[] with(Object... more) {
            Object[] all = new Object[key.length + more.length];
            System.arraycopy(key, 0, all, 0, key.length);
            System.arraycopy(more, 0, all, key.length, more.length);
            return all;
        }
    }

    private boolean tryCount(Table table, long dayStart, int sends, int cap) {
        if (cap < 1 || sends < 1) {
            throw new IllegalArgumentException("a cap and a count are at least 1: " + cap + ", " + sends);
        }
        if (sends > cap) {
            return false;
        }
        if (counted(table, dayStart, sends, cap)) {
            return true;
        }
        sql.update("DELETE FROM " + table.name() + " WHERE " + table.matchKey() + " AND window_kind = ?"
                + " AND window_start < ?", table.with(KIND, dayStart));
        try {
            sql.update("INSERT INTO " + table.name() + " (" + table.keyColumns() + ", window_kind, window_start, sent)"
                    + " VALUES (" + table.keyPlaceholders() + ", ?, ?, ?)", table.with(KIND, dayStart, sends));
            return true;
        } catch (RuntimeException e) {
            if (!SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
            // the day's row is there: too full for these, or made meanwhile by a concurrent send
            return counted(table, dayStart, sends, cap);
        }
    }

    private boolean counted(Table table, long dayStart, int sends, int cap) {
        return sql.update("UPDATE " + table.name() + " SET sent = sent + ? WHERE " + table.matchKey()
                + " AND window_kind = ? AND window_start = ? AND sent <= ?", withFirst(sends,
                table.with(KIND, dayStart, cap - sends))) == 1;
    }

    private static Object[] withFirst(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
