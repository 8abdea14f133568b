package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.SqlErrors;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.out.SenderRuleStore;
import dev.openmail.domain.senderrule.FilterMode;
import dev.openmail.domain.senderrule.SenderRule;
import dev.openmail.domain.senderrule.SenderRuleExistsException;
import dev.openmail.domain.senderrule.SenderRuleId;
import dev.openmail.domain.senderrule.SenderRuleType;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sender rules, filter modes and per-day hit counts over the V10 tables, in the caller's transaction. */
@Singleton
final class JdbcSenderRules implements SenderRuleStore {

    private static final String COLUMNS = "account_id, id, pod_id, rule_type, rule_value, created_at";

    private final Statements sql;

    JdbcSenderRules(JdbcOperations jdbc) {
        this.sql = new Statements(jdbc);
    }

    @Override
    public List<SenderRule> rules(AccountId accountId, PodId podOrNull) {
        return sql.query("SELECT " + COLUMNS + " FROM sender_rules WHERE account_id = ? AND scope_key = ?"
                + " ORDER BY created_at, id", JdbcSenderRules::rule, accountId.value(), scopeKey(podOrNull));
    }

    @Override
    public Optional<SenderRule> find(AccountId accountId, SenderRuleId id) {
        return sql.query("SELECT " + COLUMNS + " FROM sender_rules WHERE account_id = ? AND id = ?",
                JdbcSenderRules::rule, accountId.value(), id.value()).stream().findFirst();
    }

    @Override
    public void insert(SenderRule rule) {
        try {
            sql.update("INSERT INTO sender_rules (account_id, id, pod_id, scope_key, rule_type, rule_value, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)", rule.accountId().value(), rule.id().value(),
                    rule.podOrNull() == null ? null : rule.podOrNull().value(), scopeKey(rule.podOrNull()),
                    rule.type().wire(), rule.value(), rule.createdAt().toEpochMilli());
        } catch (RuntimeException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                throw new SenderRuleExistsException(rule.type(), rule.value());
            }
            throw e;
        }
    }

    @Override
    public boolean remove(AccountId accountId, SenderRuleId id) {
        return sql.update("DELETE FROM sender_rules WHERE account_id = ? AND id = ?", accountId.value(), id.value())
                > 0;
    }

    @Override
    public Optional<FilterMode> mode(AccountId accountId, PodId podOrNull) {
        return sql.query("SELECT filter_mode FROM sender_filter_modes WHERE account_id = ? AND scope_key = ?",
                row -> FilterMode.fromWire(row.getString(1)), accountId.value(), scopeKey(podOrNull))
                .stream().findFirst();
    }

    @Override
    public void setMode(AccountId accountId, PodId podOrNull, FilterMode mode) {
        String update = "UPDATE sender_filter_modes SET filter_mode = ? WHERE account_id = ? AND scope_key = ?";
        if (sql.update(update, mode.wire(), accountId.value(), scopeKey(podOrNull)) > 0) {
            return;
        }
        try {
            sql.update("INSERT INTO sender_filter_modes (account_id, scope_key, pod_id, filter_mode)"
                            + " VALUES (?, ?, ?, ?)", accountId.value(), scopeKey(podOrNull),
                    podOrNull == null ? null : podOrNull.value(), mode.wire());
        } catch (RuntimeException e) {
            if (!SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
            // Another request set this level's first mode meanwhile; this one, later, wins.
            sql.update(update, mode.wire(), accountId.value(), scopeKey(podOrNull));
        }
    }

    @Override
    public void countHit(SenderRule rule, LocalDate day) {
        String update = "UPDATE sender_rule_hits SET hits = hits + 1 WHERE account_id = ? AND rule_id = ?"
                + " AND hit_day = ?";
        Object[] key = {rule.accountId().value(), rule.id().value(), (int) day.toEpochDay()};
        if (sql.update(update, key) > 0) {
            return;
        }
        try {
            sql.update("INSERT INTO sender_rule_hits (account_id, rule_id, hit_day, hits) VALUES (?, ?, ?, 1)", key);
        } catch (RuntimeException e) {
            if (!SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
            // Another message counted this rule's first hit of the day meanwhile.
            sql.update(update, key);
        }
    }

    @Override
    public Map<SenderRuleId, Long> hitsSince(AccountId accountId, LocalDate since) {
        Map<SenderRuleId, Long> hits = new LinkedHashMap<>();
        sql.query("SELECT rule_id, SUM(hits) FROM sender_rule_hits WHERE account_id = ? AND hit_day >= ?"
                        + " GROUP BY rule_id ORDER BY rule_id", row -> hits.put(new SenderRuleId(row.getString(1)),
                        row.getLong(2)), accountId.value(), (int) since.toEpochDay());
        return hits;
    }

    private static String scopeKey(PodId podOrNull) {
        return podOrNull == null ? "" : podOrNull.value();
    }

    private static SenderRule rule(ResultSet row) throws SQLException {
        String pod = row.getString(3);
        return new SenderRule(new SenderRuleId(row.getString(2)), new AccountId(row.getString(1)),
                pod == null ? null : new PodId(pod), SenderRuleType.fromWire(row.getString(4)), row.getString(5),
                Instant.ofEpochMilli(row.getLong(6)));
    }
}
