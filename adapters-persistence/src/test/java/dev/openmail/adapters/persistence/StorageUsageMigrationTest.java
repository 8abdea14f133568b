package dev.openmail.adapters.persistence;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
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
 * Migration V13 starts the usage counters from the mail already stored: per inbox its received and sent messages and
 * the bytes of their raw forms and attachments, per account the sum over its inboxes. Run on H2 and, when the MySQL
 * test database is configured, on a scratch MySQL database beside it.
 */
class StorageUsageMigrationTest {

    @Test
    void onH2() throws SQLException {
        TestDatabase h2 = TestDatabase.h2();
        migrateAndCheck(h2.url(), h2.username(), h2.password());
    }

    @Test
    void onMySql() throws SQLException {
        String url = System.getenv(TestDatabase.ENV_URL);
        if (url == null || !url.startsWith("jdbc:mysql:")) {
            // Without MySQL, the MySQL tests run on H2 in MySQL mode, as TestDatabase announces; the migration needs an
            // empty database of its own.
            TestDatabase.mysql();
            TestDatabase h2 = TestDatabase.h2();
            migrateAndCheck(h2.url(), h2.username(), h2.password());
            return;
        }
        String username = System.getenv().getOrDefault(TestDatabase.ENV_USERNAME, "root");
        String password = System.getenv().getOrDefault(TestDatabase.ENV_PASSWORD, "");
        // The database name is the URL's path: jdbc:mysql://host:port/name?options. The scratch database is named
        // after it, so that a test user granted the databases named <name>_... (as .ci/run grants) may create it.
        String database = url.replaceFirst("^jdbc:mysql://[^/]+/([^?]*).*$", "$1");
        String scratch = database.substring(0, Math.min(database.length(), 48)) + "_v13_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String server = url.replaceFirst("^(jdbc:mysql://[^/]+)/[^?]*", "$1/");
        String scratchUrl = url.replaceFirst("^(jdbc:mysql://[^/]+)/[^?]*", "$1/" + scratch);
        try (Connection admin = DriverManager.getConnection(server, username, password);
             Statement statement = admin.createStatement()) {
            try {
                statement.execute("CREATE DATABASE `" + scratch + "`");
            } catch (SQLException denied) {
                throw new AssertionError("The MySQL test user may not create the scratch database " + scratch
                        + "; grant it the databases named " + database + "_% (see .ci/run).", denied);
            }
            try {
                migrateAndCheck(scratchUrl, username, password);
            } finally {
                statement.execute("DROP DATABASE `" + scratch + "`");
            }
        }
    }

    private static void migrateAndCheck(String url, String username, String password) throws SQLException {
        flyway(url, username, password).target("11").load().migrate();
        try (Connection db = DriverManager.getConnection(url, username, password)) {
            account(db, "acc_q", "inb_q1", "inb_q2", "inb_q3");
            account(db, "acc_r");
            message(db, "acc_q", "inb_q1", "msg_1", "inbound", 10);
            message(db, "acc_q", "inb_q1", "msg_2", "inbound", 20);
            execute(db, "INSERT INTO attachments (account_id, message_id, position, filename, content_type, size_bytes,"
                    + " content) VALUES ('acc_q', 'msg_2', 0, 'a.txt', 'text/plain', 5, ?)", new byte[5]);
            message(db, "acc_q", "inb_q2", "msg_3", "outbound", 7);
        }

        flyway(url, username, password).load().migrate();

        try (Connection db = DriverManager.getConnection(url, username, password);
             Statement statement = db.createStatement()) {
            List<String> inboxes = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT inbox_id, inbound_messages, outbound_messages,"
                    + " stored_bytes FROM inbox_usage ORDER BY inbox_id")) {
                while (rows.next()) {
                    inboxes.add(rows.getString(1) + " " + rows.getLong(2) + " " + rows.getLong(3) + " "
                            + rows.getLong(4));
                }
            }
            assertEquals(List.of("inb_q1 2 0 35", "inb_q2 0 1 7", "inb_q3 0 0 0"), inboxes);
            List<String> accounts = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT account_id, stored_bytes FROM account_usage"
                    + " ORDER BY account_id")) {
                while (rows.next()) {
                    accounts.add(rows.getString(1) + " " + rows.getLong(2));
                }
            }
            assertEquals(List.of("acc_q 42", "acc_r 0"), accounts);
        }
    }

    private static FluentConfiguration flyway(String url, String username, String password) {
        return Flyway.configure().dataSource(url, username, password).locations("classpath:db/migration");
    }

    private static void account(Connection db, String account, String... inboxes) throws SQLException {
        execute(db, "INSERT INTO accounts (id, name, inbox_limit, created_at) VALUES (?, NULL, 100, 0)", account);
        execute(db, "INSERT INTO pods (account_id, id, is_default, created_at) VALUES (?, ?, TRUE, 0)", account,
                "pod_" + account);
        for (String inbox : inboxes) {
            execute(db, "INSERT INTO inboxes (account_id, id, pod_id, address, created_at) VALUES (?, ?, ?, ?, 0)",
                    account, inbox, "pod_" + account, inbox + "@example.test");
            execute(db, "INSERT INTO threads (account_id, id, pod_id, inbox_id, subject, is_read, last_message_at,"
                    + " created_at, message_count) VALUES (?, ?, ?, ?, 's', FALSE, 0, 0, 1)", account, "thr_" + inbox,
                    "pod_" + account, inbox);
        }
    }

    private static void message(Connection db, String account, String inbox, String message, String direction,
                                int rawBytes) throws SQLException {
        execute(db, "INSERT INTO messages (account_id, id, pod_id, inbox_id, thread_id, direction, status, from_addr,"
                        + " to_addr, subject, raw, created_at) VALUES (?, ?, ?, ?, ?, ?, 'sent', 'f', 't', 's', ?, 0)",
                account, message, "pod_" + account, inbox, "thr_" + inbox, direction, new byte[rawBytes]);
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
