package db.migration;

import dev.openmail.domain.search.SearchText;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Search (V16): {@code message_search}, one row per message with what searching reads: the message's place, time,
 * whether it has attachments, its sender lower-cased, and its document in the search spelling
 * ({@code SearchText}), which the full-text index covers. The row goes with its message.
 *
 * <p>The index differs per database, hence Java: MySQL and MariaDB get an InnoDB FULLTEXT index; H2 its own
 * {@code org.h2.fulltext.FullText}, whose triggers keep it up to date. The text columns compare bytes
 * ({@code utf8mb4_bin}): the document is already lower-cased, and a case- or accent-blind collation would make MySQL
 * find what H2 does not. The mail already stored is written here, in the same spelling the stores write.
 */
public class V16__message_search extends BaseJavaMigration {

    private static final int BATCH = 200;

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        boolean h2 = connection.getMetaData().getDatabaseProductName().toUpperCase().contains("H2");
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE message_search ("
                    + " account_id VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
                    + " message_id VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
                    + " pod_id VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
                    + " inbox_id VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
                    + " thread_id VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
                    + " created_at BIGINT NOT NULL,"
                    + " has_attachments BOOLEAN NOT NULL,"
                    + " sender MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,"
                    + " search_text LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,"
                    + " PRIMARY KEY (account_id, message_id),"
                    // newest first within the scope, read backwards: the account, a pod, an inbox
                    + " INDEX ix_message_search_account (account_id, created_at, message_id),"
                    + " INDEX ix_message_search_pod (account_id, pod_id, created_at, message_id),"
                    + " INDEX ix_message_search_inbox (account_id, inbox_id, created_at, message_id),"
                    + (h2 ? "" : " FULLTEXT INDEX ix_message_search_text (search_text),")
                    + " CONSTRAINT fk_message_search_message FOREIGN KEY (account_id, message_id)"
                    + " REFERENCES messages (account_id, id) ON DELETE CASCADE)");
        }
        indexStoredMail(connection);
        if (h2) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE ALIAS IF NOT EXISTS FT_INIT FOR 'org.h2.fulltext.FullText.init'");
                statement.execute("CALL FT_INIT()");
                statement.execute("CALL FT_CREATE_INDEX('public', 'message_search', 'search_text')");
            }
        }
    }

    /** Every stored message, a batch at a time in primary key order, with its attachments' names and texts. */
    private static void indexStoredMail(Connection connection) throws SQLException {
        String lastAccount = "";
        String lastId = "";
        while (true) {
            Map<String, Row> batch = new LinkedHashMap<>();
            try (PreparedStatement read = connection.prepareStatement("SELECT account_id, id, pod_id, inbox_id,"
                    + " thread_id, created_at, from_addr, subject, body_text, body_html FROM messages"
                    + " WHERE account_id > ? OR (account_id = ? AND id > ?) ORDER BY account_id, id LIMIT " + BATCH)) {
                read.setString(1, lastAccount);
                read.setString(2, lastAccount);
                read.setString(3, lastId);
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        Row row = new Row(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                                rows.getString(5), rows.getLong(6), rows.getString(7), rows.getString(8),
                                rows.getString(9), rows.getString(10));
                        batch.put(row.accountId + " " + row.id, row);
                        lastAccount = row.accountId;
                        lastId = row.id;
                    }
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            Row first = batch.values().iterator().next();
            try (PreparedStatement read = connection.prepareStatement("SELECT account_id, message_id, filename,"
                    + " parsed_text FROM attachments"
                    + " WHERE (account_id > ? OR (account_id = ? AND message_id >= ?))"
                    + " AND (account_id < ? OR (account_id = ? AND message_id <= ?))"
                    + " ORDER BY account_id, message_id, position")) {
                read.setString(1, first.accountId);
                read.setString(2, first.accountId);
                read.setString(3, first.id);
                read.setString(4, lastAccount);
                read.setString(5, lastAccount);
                read.setString(6, lastId);
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        Row row = batch.get(rows.getString(1) + " " + rows.getString(2));
                        if (row != null) {
                            row.filenames.add(rows.getString(3));
                            row.texts.add(rows.getString(4));
                        }
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO message_search (account_id,"
                    + " message_id, pod_id, inbox_id, thread_id, created_at, has_attachments, sender, search_text)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Row row : batch.values()) {
                    StringBuilder document = new StringBuilder(SearchText.document(row.subject, row.fromAddr,
                            row.bodyText, row.bodyHtml, row.filenames));
                    row.texts.forEach(text -> document.append(SearchText.part(text)));
                    insert.setString(1, row.accountId);
                    insert.setString(2, row.id);
                    insert.setString(3, row.podId);
                    insert.setString(4, row.inboxId);
                    insert.setString(5, row.threadId);
                    insert.setLong(6, row.createdAt);
                    insert.setBoolean(7, !row.filenames.isEmpty());
                    insert.setString(8, SearchText.sender(row.fromAddr));
                    insert.setString(9, document.toString());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    private static final class Row {
        final String accountId;
        final String id;
        final String podId;
        final String inboxId;
        final String threadId;
        final long createdAt;
        final String fromAddr;
        final String subject;
        final String bodyText;
        final String bodyHtml;
        final List<String> filenames = new ArrayList<>();
        final List<String> texts = new ArrayList<>();

        Row(String accountId, String id, String podId, String inboxId, String threadId, long createdAt,
            String fromAddr, String subject, String bodyText, String bodyHtml) {
            this.accountId = accountId;
            this.id = id;
            this.podId = podId;
            this.inboxId = inboxId;
            this.threadId = threadId;
            this.createdAt = createdAt;
            this.fromAddr = fromAddr;
            this.subject = subject;
            this.bodyText = bodyText;
            this.bodyHtml = bodyHtml;
        }
    }
}
