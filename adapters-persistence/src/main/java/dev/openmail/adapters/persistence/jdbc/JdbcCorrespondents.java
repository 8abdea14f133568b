package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.port.out.Correspondents;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Correspondents over V20 {@code correspondents}, in the caller's transaction. A repeat of a known address is an
 * INSERT IGNORE that changes nothing (no failed statement per message from a regular correspondent); an address longer
 * than the column's 254 characters is no address mail can go to and is not kept.
 */
@Singleton
final class JdbcCorrespondents implements Correspondents {

    private static final int MAX_ADDRESS = 254;
    /** Addresses asked about in one statement: a send has at most a few dozen recipients. */
    private static final int MAX_ASKED = 500;

    private final Statements sql;

    JdbcCorrespondents(JdbcOperations jdbc) {
        this.sql = new Statements(jdbc);
    }

    @Override
    public void record(AccountId accountId, InboxId inboxId, String address) {
        if (address.isEmpty() || address.length() > MAX_ADDRESS) {
            return;
        }
        sql.update("INSERT IGNORE INTO correspondents (account_id, inbox_id, address) VALUES (?, ?, ?)",
                accountId.value(), inboxId.value(), address);
    }

    @Override
    public Set<String> warmAmong(AccountId accountId, InboxId inboxId, Collection<String> addresses) {
        List<String> asked = addresses.stream().filter(address -> !address.isEmpty() && address.length() <= MAX_ADDRESS)
                .distinct().toList();
        Set<String> warm = new LinkedHashSet<>();
        for (int from = 0; from < asked.size(); from += MAX_ASKED) {
            List<String> batch = asked.subList(from, Math.min(asked.size(), from + MAX_ASKED));
            List<Object> parameters = new ArrayList<>(List.of(accountId.value(), inboxId.value()));
            parameters.addAll(batch);
            warm.addAll(sql.query("SELECT address FROM correspondents WHERE account_id = ? AND inbox_id = ?"
                    + " AND address IN (" + String.join(", ", batch.stream().map(address -> "?").toList()) + ")",
                    row -> row.getString(1), parameters.toArray()));
        }
        return warm;
    }
}
