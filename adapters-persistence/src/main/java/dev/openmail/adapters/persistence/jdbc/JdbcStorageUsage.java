package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.SqlErrors;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.out.StorageUsage;
import dev.openmail.domain.usage.InboxUsage;
import dev.openmail.domain.usage.StorageQuota;
import dev.openmail.domain.usage.StorageQuotas;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The V13 counters. A counter row is made on first use (an inbox or account made after V13 has none until its first
 * mail): two transactions making the same row at once meet on the primary key, and the loser reads the winner's.
 */
@Singleton
final class JdbcStorageUsage implements StorageUsage {

    private final Statements sql;

    JdbcStorageUsage(JdbcOperations jdbc) {
        this.sql = new Statements(jdbc);
    }

    @Override
    public StorageQuotas.Standing standing(Inbox inbox) {
        long inboxBytes = first(sql.query("SELECT stored_bytes FROM inbox_usage WHERE account_id = ? AND inbox_id = ?",
                row -> row.getLong(1), inbox.accountId().value(), inbox.id().value())).orElse(0L);
        long accountBytes = first(sql.query("SELECT stored_bytes FROM account_usage WHERE account_id = ?",
                row -> row.getLong(1), inbox.accountId().value())).orElse(0L);
        return new StorageQuotas.Standing(inboxBytes, accountBytes, accountQuota(inbox.accountId()).orElse(null));
    }

    @Override
    public Map<InboxId, StorageQuotas.Standing> lockForFiling(Collection<Inbox> inboxes) {
        Map<String, AccountId> accounts = new TreeMap<>();
        inboxes.forEach(inbox -> accounts.put(inbox.accountId().value(), inbox.accountId()));
        Map<String, Long> accountBytes = new HashMap<>();
        Map<String, StorageQuota> accountQuotas = new HashMap<>();
        for (AccountId account : accounts.values()) {
            accountBytes.put(account.value(), lockAccount(account));
            accountQuota(account).ifPresent(quota -> accountQuotas.put(account.value(), quota));
        }
        List<Inbox> ordered = new ArrayList<>(inboxes);
        ordered.sort(Comparator.comparing((Inbox inbox) -> inbox.accountId().value())
                .thenComparing(inbox -> inbox.id().value()));
        Map<InboxId, StorageQuotas.Standing> standings = new LinkedHashMap<>();
        for (Inbox inbox : ordered) {
            lockInbox(inbox).ifPresent(bytes -> standings.put(inbox.id(), new StorageQuotas.Standing(bytes,
                    accountBytes.get(inbox.accountId().value()), accountQuotas.get(inbox.accountId().value()))));
        }
        return standings;
    }

    private long lockAccount(AccountId account) {
        String select = "SELECT stored_bytes FROM account_usage WHERE account_id = ? FOR UPDATE";
        Optional<Long> bytes = first(sql.query(select, row -> row.getLong(1), account.value()));
        if (bytes.isPresent()) {
            return bytes.get();
        }
        try {
            sql.update("INSERT INTO account_usage (account_id, stored_bytes) VALUES (?, 0)", account.value());
        } catch (RuntimeException e) {
            if (!SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
        }
        return first(sql.query(select, row -> row.getLong(1), account.value())).orElse(0L);
    }

    private Optional<Long> lockInbox(Inbox inbox) {
        String select = "SELECT stored_bytes FROM inbox_usage WHERE account_id = ? AND inbox_id = ? FOR UPDATE";
        Object[] key = {inbox.accountId().value(), inbox.id().value()};
        Optional<Long> bytes = first(sql.query(select, row -> row.getLong(1), key));
        if (bytes.isPresent()) {
            return bytes;
        }
        try {
            // nothing is inserted for an inbox deleted meanwhile
            sql.update("INSERT INTO inbox_usage (account_id, inbox_id, inbound_messages, outbound_messages,"
                    + " stored_bytes) SELECT account_id, id, 0, 0, 0 FROM inboxes WHERE account_id = ? AND id = ?", key);
        } catch (RuntimeException e) {
            if (!SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
        }
        return first(sql.query(select, row -> row.getLong(1), key));
    }

    @Override
    public void count(Inbox inbox, boolean inbound, long bytes) {
        sql.update("UPDATE inbox_usage SET inbound_messages = inbound_messages + ?,"
                        + " outbound_messages = outbound_messages + ?, stored_bytes = stored_bytes + ?"
                        + " WHERE account_id = ? AND inbox_id = ?", inbound ? 1L : 0L, inbound ? 0L : 1L, bytes,
                inbox.accountId().value(), inbox.id().value());
        sql.update("UPDATE account_usage SET stored_bytes = stored_bytes + ? WHERE account_id = ?", bytes,
                inbox.accountId().value());
    }

    @Override
    public void forget(Inbox inbox) {
        // the account's row first, as the one lock order has it; then the inbox's, whose bytes it gives back
        lockAccount(inbox.accountId());
        Optional<Long> bytes = first(sql.query("SELECT stored_bytes FROM inbox_usage WHERE account_id = ?"
                        + " AND inbox_id = ? FOR UPDATE", row -> row.getLong(1), inbox.accountId().value(),
                inbox.id().value()));
        if (bytes.isPresent() && bytes.get() != 0) {
            sql.update("UPDATE account_usage SET stored_bytes = stored_bytes - ? WHERE account_id = ?", bytes.get(),
                    inbox.accountId().value());
        }
        sql.update("DELETE FROM inbox_usage WHERE account_id = ? AND inbox_id = ?", inbox.accountId().value(),
                inbox.id().value());
    }

    @Override
    public List<InboxUsage> ofInboxes(AccountId accountId, Collection<InboxId> inboxes) {
        if (inboxes.isEmpty()) {
            return List.of();
        }
        List<Object> parameters = new ArrayList<>();
        parameters.add(accountId.value());
        inboxes.forEach(inbox -> parameters.add(inbox.value()));
        String marks = String.join(", ", java.util.Collections.nCopies(inboxes.size(), "?"));
        return sql.query("SELECT i.id, i.pod_id, u.inbound_messages, u.outbound_messages, u.stored_bytes"
                        + " FROM inboxes i JOIN inbox_usage u ON u.account_id = i.account_id AND u.inbox_id = i.id"
                        + " WHERE i.account_id = ? AND i.id IN (" + marks + ")",
                row -> new InboxUsage(new InboxId(row.getString(1)), new PodId(row.getString(2)), row.getLong(3),
                        row.getLong(4), row.getLong(5)), parameters.toArray());
    }

    @Override
    public Totals totals(AccountId accountId) {
        Totals counts = first(sql.query("SELECT COALESCE(SUM(inbound_messages), 0), COALESCE(SUM(outbound_messages), 0)"
                        + " FROM inbox_usage WHERE account_id = ?", row -> new Totals(row.getLong(1), row.getLong(2), 0),
                accountId.value())).orElse(new Totals(0, 0, 0));
        long bytes = first(sql.query("SELECT stored_bytes FROM account_usage WHERE account_id = ?",
                row -> row.getLong(1), accountId.value())).orElse(0L);
        return new Totals(counts.inboundMessages(), counts.outboundMessages(), bytes);
    }

    @Override
    public Optional<StorageQuota> accountQuota(AccountId accountId) {
        return first(sql.query("SELECT storage_quota_bytes FROM accounts WHERE id = ?", row -> {
            long bytes = row.getLong(1);
            return row.wasNull() ? null : new StorageQuota(bytes);
        }, accountId.value()));
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }
}
