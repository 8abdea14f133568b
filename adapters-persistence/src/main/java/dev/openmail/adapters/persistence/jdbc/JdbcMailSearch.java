package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.mail.BodyBudget;
import dev.openmail.domain.mail.BoundedMessage;
import dev.openmail.domain.port.out.SearchMessages;
import dev.openmail.domain.search.SearchQuery;
import dev.openmail.domain.search.SearchScope;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Search over V16 {@code message_search}. The database's full-text index picks the candidates that hold every
 * indexed word of the query (InnoDB: {@code MATCH ... AGAINST} in boolean mode; H2: {@code FT_SEARCH_DATA}); then
 * the query's own predicate ({@link SearchQuery#matches}) is applied in SQL to the candidates as substring searches
 * over the document and the sender, which is what makes the engines agree: their tokenizers, stopwords and minimum
 * word lengths only decide how many rows get that far. A query without indexed words (only operators) reads the
 * scope's rows newest first through its index.
 */
@Singleton
final class JdbcMailSearch implements SearchMessages {

    /** The full-text engine and the word lengths it indexes, asked once: they change only with a restart. */
    private record Engine(boolean h2, int minWordLength, int maxWordLength) {

        boolean holds(String word) {
            int length = word.codePointCount(0, word.length());
            return length >= minWordLength && length <= maxWordLength;
        }
    }

    private final JdbcOperations jdbc;
    private final Statements sql;
    private final JdbcMailStore mail;
    private volatile Engine engine;

    JdbcMailSearch(JdbcOperations jdbc, JdbcMailStore mail) {
        this.jdbc = jdbc;
        this.sql = new Statements(jdbc);
        this.mail = mail;
    }

    @Override
    public Page<BoundedMessage> search(AccountId accountId, SearchScope scope, SearchQuery query, PageRequest page,
                                       BodyBudget budget) {
        Engine engine = engine();
        List<String> indexed = query.indexedWords().stream().filter(engine::holds).toList();
        StringBuilder from = new StringBuilder(" FROM message_search s");
        List<Object> parameters = new ArrayList<>();
        if (query.unread()) {
            from.append(" JOIN threads t ON t.account_id = s.account_id AND t.id = s.thread_id");
        }
        if (engine.h2() && !indexed.isEmpty()) {
            // H2's search answers every table's matches, keyed by primary key; the join keeps this account's
            from.append(" JOIN FT_SEARCH_DATA(?, 0, 0) ft ON ft.keys[1] = s.account_id AND ft.keys[2] = s.message_id");
            parameters.add(String.join(" ", indexed));
        }
        from.append(" WHERE s.account_id = ?");
        parameters.add(accountId.value());
        if (scope.inboxOrNull() != null) {
            from.append(" AND s.inbox_id = ?");
            parameters.add(scope.inboxOrNull().value());
        } else if (scope.podOrNull() != null) {
            from.append(" AND s.pod_id = ?");
            parameters.add(scope.podOrNull().value());
        }
        if (!engine.h2() && !indexed.isEmpty()) {
            // the words are letters and digits only (SearchText), so nothing in them is a boolean-mode operator
            from.append(" AND MATCH (s.search_text) AGAINST (? IN BOOLEAN MODE)");
            parameters.add("+" + String.join(" +", indexed));
        }
        for (String needle : query.needles()) {
            from.append(" AND LOCATE(?, s.search_text) > 0");
            parameters.add(needle);
        }
        for (String sender : query.senders()) {
            from.append(" AND LOCATE(?, s.sender) > 0");
            parameters.add(sender);
        }
        if (query.hasAttachment()) {
            from.append(" AND s.has_attachments = TRUE");
        }
        if (query.unread()) {
            from.append(" AND t.is_read = FALSE");
        }
        Object[] filter = parameters.toArray();
        long total = sql.query("SELECT COUNT(*)" + from, row -> row.getLong(1), filter).get(0);
        parameters.add(page.limit());
        parameters.add(page.offset());
        List<String> ids = total <= page.offset() ? List.of() : sql.query("SELECT s.message_id" + from
                        + " ORDER BY s.created_at DESC, s.message_id DESC LIMIT ? OFFSET ?",
                row -> row.getString(1), parameters.toArray());
        return new Page<>(mail.newestFirst(accountId, ids, budget), total);
    }

    private Engine engine() {
        Engine known = engine;
        if (known == null) {
            known = jdbc.execute(connection -> {
                String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
                if (product.contains("h2")) {
                    return new Engine(true, 1, Integer.MAX_VALUE);
                }
                try (Statement statement = connection.createStatement();
                     ResultSet row = statement.executeQuery(
                             "SELECT @@innodb_ft_min_token_size, @@innodb_ft_max_token_size")) {
                    row.next();
                    return new Engine(false, row.getInt(1), row.getInt(2));
                }
            });
            engine = known;
        }
        return known;
    }
}
