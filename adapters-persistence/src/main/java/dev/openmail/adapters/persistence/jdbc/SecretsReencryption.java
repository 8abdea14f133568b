package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.SecretBox;
import io.micronaut.context.annotation.Context;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * At start, every stored secret not yet under the current key (plaintext from before encryption, or a value under an
 * old key during a rotation) is encrypted with the current key, 100 rows at a time, each by a conditional UPDATE that
 * changes the row only if it still holds what was read: two processes starting together, or a request changing the
 * secret meanwhile, never have their value overwritten. A value under a key the settings lack, or one that was
 * altered, stops the start with a message naming the setting, rather than being served as garbage later.
 */
@Context
final class SecretsReencryption {

    private static final Logger LOG = LoggerFactory.getLogger(SecretsReencryption.class);
    private static final int BATCH = 100;

    /** Where secrets are stored: the table, its account and row id columns, and the secret's column. */
    private record SecretColumn(String table, String accountColumn, String idColumn, String column) {
    }

    private static final List<SecretColumn> COLUMNS = List.of(
            new SecretColumn("domains", "account_id", "id", "dkim_private_key"),
            new SecretColumn("inboxes", "account_id", "id", "webhook_secret"),
            new SecretColumn("account_webhooks", "account_id", "account_id", "secret"));

    private record Stored(String accountId, String id, String value) {
    }

    SecretsReencryption(JdbcOperations jdbc, SecretBox secrets) {
        Statements sql = new Statements(jdbc);
        int changed = 0;
        for (SecretColumn column : COLUMNS) {
            changed += reencrypt(sql, secrets, column);
        }
        if (changed > 0) {
            LOG.info("Encrypted {} stored secrets with the current secrets key", changed);
        }
    }

    private static int reencrypt(Statements sql, SecretBox secrets, SecretColumn column) {
        String prefix = secrets.currentPrefix();
        String select = "SELECT " + column.accountColumn() + ", " + column.idColumn() + ", " + column.column()
                + " FROM " + column.table() + " WHERE " + column.column() + " IS NOT NULL AND ("
                + column.accountColumn() + " > ? OR (" + column.accountColumn() + " = ? AND " + column.idColumn()
                + " > ?)) AND SUBSTRING(" + column.column() + ", 1, " + prefix.length() + ") <> ? ORDER BY "
                + column.accountColumn() + ", " + column.idColumn() + " LIMIT " + BATCH;
        String update = "UPDATE " + column.table() + " SET " + column.column() + " = ? WHERE "
                + column.accountColumn() + " = ? AND " + column.idColumn() + " = ? AND " + column.column() + " = ?";
        int changed = 0;
        String afterAccount = "";
        String afterId = "";
        while (true) {
            List<Stored> batch = sql.query(select, row -> new Stored(row.getString(1), row.getString(2),
                    row.getString(3)), afterAccount, afterAccount, afterId, prefix);
            for (Stored stored : batch) {
                SecretBox.Place place = new SecretBox.Place(column.table(), column.column(), stored.id());
                String plaintext = secrets.open(stored.value(), place);
                changed += sql.update(update, secrets.seal(plaintext, place), stored.accountId(), stored.id(),
                        stored.value());
            }
            if (batch.size() < BATCH) {
                return changed;
            }
            Stored last = batch.get(batch.size() - 1);
            afterAccount = last.accountId();
            afterId = last.id();
        }
    }
}
