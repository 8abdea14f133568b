package dev.openmail.adapters.persistence;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Migration V16 writes the search document of every message already stored, its attachments' names and texts
 * included, in batches, and the full-text index of the database covers them. Run on H2 and, when the MySQL test
 * database is configured, on a scratch MySQL database beside it (as {@link StorageUsageMigrationTest} does).
 */
class SearchMigrationTest {

    /** More than one batch of the migration, and not a multiple of it. */
    private static final int MESSAGES = 450;

    @Test
    void onH2() throws SQLException {
        TestDatabase h2 = TestDatabase.h2();
        migrateAndCheck(h2.url(), h2.username(), h2.password(), true);
    }

    @Test
    void onMySql() throws SQLException {
        String url = System.getenv(TestDatabase.ENV_URL);
        if (url == null || !url.startsWith("jdbc:mysql:")) {
            TestDatabase.mysql();
            TestDatabase h2 = TestDatabase.h2();
            migrateAndCheck(h2.url(), h2.username(), h2.password(), true);
            return;
        }
        String username = System.getenv().getOrDefault(TestDatabase.ENV_USERNAME, "root");
        String password = System.getenv().getOrDefault(TestDatabase.ENV_PASSWORD, "");
        String database = url.replaceFirst("^jdbc:mysql://[^/]+/([^?]*).*$", "$1");
        String scratch = database.substring(0, Math.min(database.length(), 48)) + "_v16_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String server = url.replaceFirst("^(jdbc:mysql://[^/]+)/[^?]*", "$1/");
        String scratchUrl = url.replaceFirst("^(jdbc:mysql://[^/]+)/[^?]*", "$1/" + scratch);
        try (Connection admin = DriverManager.getConnection(server, username, password);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE `" + scratch + "`");
            try {
                migrateAndCheck(scratchUrl, username, password, false);
            } finally {
                statement.execute("DROP DATABASE `" + scratch + "`");
            }
        }
    }

    private static void migrateAndCheck(String url, String username, String password, boolean h2)
            throws SQLException {
        Flyway.configure().dataSource(url, username, password).locations("classpath:db/migration").target("15")
                .load().migrate();
        try (Connection db = DriverManager.getConnection(url, username, password)) {
            for (String account : List.of("acc_q", "acc_r")) {
                execute(db, "INSERT INTO accounts (id, name, inbox_limit, created_at) VALUES (?, NULL, 100, 0)",
                        account);
                execute(db, "INSERT INTO pods (account_id, id, is_default, created_at) VALUES (?, ?, TRUE, 0)",
                        account, "pod_" + account);
                execute(db, "INSERT INTO inboxes (account_id, id, pod_id, address, created_at) VALUES (?, ?, ?, ?, 0)",
                        account, "inb_" + account, "pod_" + account, account + "@example.test");
                execute(db, "INSERT INTO threads (account_id, id, pod_id, inbox_id, subject, is_read,"
                        + " last_message_at, created_at, message_count) VALUES (?, ?, ?, ?, 's', FALSE, 0, 0, 1)",
                        account, "thr_" + account, "pod_" + account, "inb_" + account);
            }
            for (int i = 0; i < MESSAGES; i++) {
                String account = i % 2 == 0 ? "acc_q" : "acc_r";
                execute(db, "INSERT INTO messages (account_id, id, pod_id, inbox_id, thread_id, direction, status,"
                                + " from_addr, to_addr, subject, body_text, body_html, raw, created_at)"
                                + " VALUES (?, ?, ?, ?, ?, 'inbound', 'received', ?, 't', ?, ?, ?, ?, ?)",
                        account, String.format("msg_%04d", i), "pod_" + account, "inb_" + account, "thr_" + account,
                        "Sender" + i + "@Example.com", "Subject number" + i,
                        i == 7 ? null : "Body of message" + i, i == 7 ? "<p>Html <b>only</b></p>" : null,
                        new byte[1], i);
            }
            execute(db, "INSERT INTO attachments (account_id, message_id, position, filename, content_type,"
                    + " size_bytes, content, parsed_text, extraction_method) VALUES ('acc_q', 'msg_0300', 0,"
                    + " 'Minutes.TXT', 'text/plain', 1, ?, 'Lighthouse keepers met.', 'text')", new byte[1]);
            execute(db, "INSERT INTO attachments (account_id, message_id, position, filename, content_type,"
                    + " size_bytes, content) VALUES ('acc_q', 'msg_0300', 1, 'unread.pdf', 'application/pdf', 1, ?)",
                    new byte[1]);
        }

        Flyway.configure().dataSource(url, username, password).locations("classpath:db/migration").load().migrate();

        try (Connection db = DriverManager.getConnection(url, username, password)) {
            assertEquals(List.of(String.valueOf(MESSAGES)), strings(db, "SELECT COUNT(*) FROM message_search"));
            assertEquals(List.of("acc_q pod_acc_q inb_acc_q thr_acc_q 300 true sender300@example.com"
                            + "| subject number300 \n sender300 example com \n body of message300 \n minutes txt \n"
                            + " unread pdf \n lighthouse keepers met \n"),
                    strings(db, "SELECT account_id, pod_id, inbox_id, thread_id, created_at, has_attachments,"
                            + " sender, search_text FROM message_search WHERE message_id = 'msg_0300'"));
            assertEquals(List.of(" subject number7 \n sender7 example com \n html only \n"),
                    strings(db, "SELECT search_text FROM message_search WHERE message_id = 'msg_0007'"));
            String found = h2
                    ? "SELECT ms.message_id FROM FT_SEARCH_DATA('lighthouse keepers', 0, 0) ft JOIN message_search ms"
                    + " ON ms.account_id = ft.keys[1] AND ms.message_id = ft.keys[2]"
                    : "SELECT message_id FROM message_search"
                    + " WHERE MATCH (search_text) AGAINST ('+lighthouse +keepers' IN BOOLEAN MODE)";
            assertEquals(List.of("msg_0300"), strings(db, found));
        }
    }

    /** Each row's columns joined by spaces, the last one after a bar. */
    private static List<String> strings(Connection db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= columns; c++) {
                    if (c > 1) {
                        row.append(c == columns ? "|" : " ");
                    }
                    row.append(result.getObject(c) instanceof Boolean flag ? flag.toString() : result.getString(c));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static void execute(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
