package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.mail.SendLimitOverrides;
import dev.openmail.domain.port.out.AccountSendLimits;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The operator's send limits per account over V20 {@code account_send_limits}, in the caller's transaction: one row
 * per account with overrides, NULL for each value left to the server's setting.
 */
@Singleton
final class JdbcAccountSendLimits implements AccountSendLimits {

    private static final String VALUES = "burst_per_minute, daily_per_inbox, cold_per_inbox_new, cold_per_account_new,"
            + " cold_per_account";

    private final Statements sql;

    JdbcAccountSendLimits(JdbcOperations jdbc) {
        this.sql = new Statements(jdbc);
    }

    @Override
    public SendLimitOverrides find(AccountId accountId) {
        return sql.query("SELECT " + VALUES + " FROM account_send_limits WHERE account_id = ?",
                row -> new SendLimitOverrides(integer(row, 1), integer(row, 2), integer(row, 3), integer(row, 4),
                        integer(row, 5)), accountId.value()).stream().findFirst().orElse(SendLimitOverrides.NONE);
    }

    /** Replaces the row; the caller holds the account (its row lock), so two saves do not race to insert. */
    @Override
    public void save(AccountId accountId, SendLimitOverrides overrides) {
        sql.update("DELETE FROM account_send_limits WHERE account_id = ?", accountId.value());
        if (!overrides.isEmpty()) {
            sql.update("INSERT INTO account_send_limits (account_id, " + VALUES + ") VALUES (?, ?, ?, ?, ?, ?)",
                    accountId.value(), overrides.burstPerMinute(), overrides.dailyPerInbox(),
                    overrides.coldPerInboxNew(), overrides.coldPerAccountNew(), overrides.coldPerAccount());
        }
    }

    private static Integer integer(ResultSet row, int column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }
}
