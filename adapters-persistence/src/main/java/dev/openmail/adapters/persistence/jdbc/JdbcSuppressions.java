package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.Rows;
import dev.openmail.adapters.persistence.SqlErrors;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.out.Suppressions;
import dev.openmail.domain.suppression.Suppression;
import dev.openmail.domain.suppression.SuppressionType;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Suppression lists over V17 {@code suppressions}, in the caller's transaction. The primary key (account, address)
 * keeps one row per address, so two concurrent adds of one address store one row: the second insert fails on the key
 * and answers false.
 */
@Singleton
final class JdbcSuppressions implements Suppressions {

    private static final String COLUMNS = "account_id, address, pod_id, suppression_type, reason, created_at";
    /** Addresses asked about at once: a send has at most a few dozen recipients. */
    private static final int MAX_ASKED = 500;

    private final Statements sql;

    JdbcSuppressions(JdbcOperations jdbc) {
        this.sql = new Statements(jdbc);
    }

    @Override
    public Page<Suppression> page(AccountId accountId, PodId visibleToPodOrNull, SuppressionType typeOrNull,
                                  PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE account_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(accountId.value()));
        if (visibleToPodOrNull != null) {
            where.append(" AND (pod_id IS NULL OR pod_id = ?)");
            parameters.add(visibleToPodOrNull.value());
        }
        if (typeOrNull != null) {
            where.append(" AND suppression_type = ?");
            parameters.add(typeOrNull.wire());
        }
        long total = sql.query("SELECT COUNT(*) FROM suppressions" + where, row -> row.getLong(1),
                parameters.toArray()).get(0);
        parameters.add(page.limit());
        parameters.add(page.offset());
        List<Suppression> items = sql.query("SELECT " + COLUMNS + " FROM suppressions" + where
                + " ORDER BY created_at DESC, address LIMIT ? OFFSET ?", JdbcSuppressions::suppression,
                parameters.toArray());
        return new Page<>(items, total);
    }

    @Override
    public Optional<Suppression> find(AccountId accountId, String address) {
        return sql.query("SELECT " + COLUMNS + " FROM suppressions WHERE account_id = ? AND address = ?",
                JdbcSuppressions::suppression, accountId.value(), address).stream().findFirst();
    }

    @Override
    public boolean insertIfAbsent(Suppression suppression) {
        try {
            sql.update("INSERT INTO suppressions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
                    suppression.accountId().value(), suppression.address(),
                    suppression.podOrNull() == null ? null : suppression.podOrNull().value(), suppression.type().wire(),
                    suppression.reasonOrNull(), Rows.epochMillis(suppression.createdAt()));
            return true;
        } catch (RuntimeException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean remove(AccountId accountId, String address) {
        return sql.update("DELETE FROM suppressions WHERE account_id = ? AND address = ?", accountId.value(),
                address) == 1;
    }

    @Override
    public Optional<Suppression> firstOf(AccountId accountId, Collection<String> addresses) {
        Set<String> asked = new LinkedHashSet<>();
        for (String address : addresses) {
            if (address != null && asked.size() < MAX_ASKED) {
                asked.add(address.strip().toLowerCase(Locale.ROOT));
            }
        }
        if (asked.isEmpty()) {
            return Optional.empty();
        }
        List<Object> parameters = new ArrayList<>();
        parameters.add(accountId.value());
        parameters.addAll(asked);
        List<Suppression> found = sql.query("SELECT " + COLUMNS + " FROM suppressions WHERE account_id = ?"
                + " AND address IN (" + "?, ".repeat(asked.size() - 1) + "?)", JdbcSuppressions::suppression,
                parameters.toArray());
        // the first in the order asked, not the database's
        return asked.stream().flatMap(address -> found.stream().filter(row -> row.address().equals(address)))
                .findFirst();
    }

    @Override
    public int countSoftBounce(AccountId accountId, String address, Instant at) {
        String key = address.strip().toLowerCase(Locale.ROOT);
        long when = Rows.epochMillis(at);
        if (sql.update("UPDATE soft_bounces SET bounces = bounces + 1, last_at = ? WHERE account_id = ?"
                + " AND address = ?", when, accountId.value(), key) == 0) {
            try {
                sql.update("INSERT INTO soft_bounces (account_id, address, bounces, last_at) VALUES (?, ?, 1, ?)",
                        accountId.value(), key, when);
            } catch (RuntimeException e) {
                if (!SqlErrors.isDuplicateKey(e)) {
                    throw e;
                }
                // counted by a concurrent report meanwhile: this one goes on top
                sql.update("UPDATE soft_bounces SET bounces = bounces + 1, last_at = ? WHERE account_id = ?"
                        + " AND address = ?", when, accountId.value(), key);
            }
        }
        return sql.query("SELECT bounces FROM soft_bounces WHERE account_id = ? AND address = ?",
                row -> row.getInt(1), accountId.value(), key).get(0);
    }

    private static Suppression suppression(ResultSet row) throws SQLException {
        String pod = row.getString("pod_id");
        return new Suppression(new AccountId(row.getString("account_id")), pod == null ? null : new PodId(pod),
                row.getString("address"), SuppressionType.fromWire("type", row.getString("suppression_type")),
                row.getString("reason"), Rows.instant(row.getLong("created_at")));
    }
}
