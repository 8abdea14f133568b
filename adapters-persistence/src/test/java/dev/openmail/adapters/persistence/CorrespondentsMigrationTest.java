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
 * Migration V20 makes every sender of an inbound message already stored a correspondent of its inbox: once, in lower
 * case, and not from sent mail. Run on H2 and, when the MySQL test database is configured, on a scratch MySQL
 * database beside it.
 */
class CorrespondentsMigrationTest {

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
        String scratch = database.substring(0, Math.min(database.length(), 48)) + "_v20_"
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
        flyway(url, username, password).target("18").load().migrate();
        try (Connection db = DriverManager.getConnection(url, username, password)) {
            account(db, "acc_q", "inb_q1", "inb_q2");
            account(db, "acc_r", "inb_r1");
            message(db, "acc_q", "inb_q1", "msg_1", "inbound", "alice@example.com");
            message(db, "acc_q", "inb_q1", "msg_2", "inbound", "Alice@Example.com");
            message(db, "acc_q", "inb_q1", "msg_3", "inbound", "");
            message(db, "acc_q", "inb_q1", "msg_4", "inbound", "x".repeat(250) + "@example.com");
            message(db, "acc_q", "inb_q2", "msg_5", "outbound", "inb_q2@example.test");
            message(db, "acc_q", "inb_q2", "msg_6", "inbound", "bob@example.com");
            message(db, "acc_r", "inb_r1", "msg_7", "inbound", "alice@example.com");
        }

        flyway(url, username, password).load().migrate();

        try (Connection db = DriverManager.getConnection(url, username, password);
             Statement statement = db.createStatement()) {
            List<String> correspondents = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT account_id, inbox_id, address FROM correspondents"
                    + " ORDER BY account_id, inbox_id, address")) {
                while (rows.next()) {
                    correspondents.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
                }
            }
            assertEquals(List.of("acc_q inb_q1 alice@example.com", "acc_q inb_q2 bob@example.com",
                    "acc_r inb_r1 alice@example.com"), correspondents);
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
                                String from) throws SQLException {
        execute(db, "INSERT INTO messages (account_id, id, pod_id, inbox_id, thread_id, direction, status, from_addr,"
                        + " to_addr, subject, raw, created_at) VALUES (?, ?, ?, ?, ?, ?, 'sent', ?, 't', 's', ?, 0)",
                account, message, "pod_" + account, inbox, "thr_" + inbox, direction, from, new byte[1]);
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
