package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.Rows;
import dev.openmail.adapters.persistence.SqlErrors;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.IdempotentSend;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.port.out.IdempotentSends;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sends made under an Idempotency-Key, over their table (idempotency_keys, V6), one row per key of an
 * account. Every method runs in the caller's transaction when
 * there is one; a refused insert leaves that transaction usable.
 *
 * <p>Keys are held exactly only when they are at most 255 visible ASCII characters: the column is ASCII, and its
 * collation, like every MySQL PAD SPACE collation, ignores trailing spaces. Other keys are refused on insert and found
 * nowhere, rather than stored as a different key.
 */
@Singleton
final class JdbcIdempotentSends implements IdempotentSends {

    private static final String COLUMNS = "account_id, inbox_id, idem_key, fingerprint, message_id, created_at";
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

    private final Statements sql;

    JdbcIdempotentSends(JdbcOperations jdbc) {
        this.sql = new Statements(jdbc);
    }

    @Override
    public Optional<IdempotentSend> find(AccountId accountId, String key, Instant notBefore) {
        if (!storableKey(key)) {
            return Optional.empty();
        }
        List<IdempotentSend> found = sql.query("SELECT " + COLUMNS + " FROM idempotency_keys"
                        + " WHERE account_id = ? AND idem_key = ? AND created_at >= ?",
                JdbcIdempotentSends::send, accountId.value(), key, Rows.epochMillis(notBefore));
        return found.stream().findFirst();
    }

    /**
     * Inserts first, and looks at the holder only when the key turns out to be held. Deleting first would, for the
     * usual new key, delete nothing while InnoDB locks the gap where the row would go; two sends doing that before
     * inserting into one gap deadlock, even with different keys. A plain insert takes no gap lock, and waits for a
     * concurrent insert of the same key to commit or roll back before it answers.
     *
     * <p>The holder is then read without a lock: the usual holder is a concurrent twin that just committed, and a
     * DELETE would ask for the row's exclusive lock while every other twin holds a shared one from its own failed
     * insert, which deadlocks. A holder this transaction's snapshot cannot see committed after it began, so it is
     * current. Only an expired holder is deleted, and the DELETE checks its age again on the row as it is now.
     */
    @Override
    public void insert(IdempotentSend send, Instant expiredBefore) {
        requireStorable(send);
        if (tryInsert(send)) {
            return;
        }
        long expiry = Rows.epochMillis(expiredBefore);
        String account = send.accountId().value();
        boolean heldByAnExpiredSend = sql.query("SELECT created_at FROM idempotency_keys"
                        + " WHERE account_id = ? AND idem_key = ?",
                row -> row.getLong(1), account, send.key()).stream().anyMatch(createdAt -> createdAt < expiry);
        if (!heldByAnExpiredSend) {
            throw new IdempotencyKeyTakenException();
        }
        int deleted = sql.update("DELETE FROM idempotency_keys"
                        + " WHERE account_id = ? AND idem_key = ? AND created_at < ?",
                account, send.key(), expiry);
        if (deleted == 0 || !tryInsert(send)) {
            throw new IdempotencyKeyTakenException();
        }
    }

    /** False when the key is held; any other refusal (the inbox or message is gone) is thrown as it is. */
    private boolean tryInsert(IdempotentSend send) {
        try {
            sql.update("INSERT INTO idempotency_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
                    send.accountId().value(), send.inboxId().value(), send.key(), send.fingerprint(),
                    send.messageId().value(), Rows.epochMillis(send.createdAt()));
            return true;
        } catch (RuntimeException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    private static void requireStorable(IdempotentSend send) {
        if (!storableKey(send.key())) {
            throw new IllegalArgumentException("an idempotency key must be at most " + IdempotentSend.MAX_KEY_LENGTH
                    + " visible ASCII characters: " + send.key());
        }
        if (!FINGERPRINT.matcher(send.fingerprint()).matches()) {
            throw new IllegalArgumentException("a fingerprint is a lower-case hex SHA-256: " + send.fingerprint());
        }
    }

    private static boolean storableKey(String key) {
        return key.length() <= IdempotentSend.MAX_KEY_LENGTH && key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    private static IdempotentSend send(ResultSet row) throws SQLException {
        return new IdempotentSend(new AccountId(row.getString("account_id")), new InboxId(row.getString("inbox_id")),
                row.getString("idem_key"), row.getString("fingerprint"), new MessageId(row.getString("message_id")),
                Instant.ofEpochMilli(row.getLong("created_at")));
    }
}
