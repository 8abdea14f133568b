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
 * Migration V6 turns idempotency keys from the inbox's into the account's: sends recorded before it keep answering for
 * their key, and where two inboxes of an account held one key the latest send keeps it. Run on H2 and, when the
 * MySQL test database is configured, on a scratch MySQL database beside it.
 */
class IdempotencyKeysMigrationTest {

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
        String scratch = database.substring(0, Math.min(database.length(), 48)) + "_v6_"
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
        flyway(url, username, password).target("5").load().migrate();
        try (Connection db = DriverManager.getConnection(url, username, password)) {
            account(db, "acc_a", "inb_a1", "inb_a2");
            account(db, "acc_b", "inb_b1");
            // Account A sent under "k" from both inboxes, a2 first; and under "only-a1" from a1.
            send(db, "acc_a", "inb_a1", "k", "msg_a1k", 2_000);
            send(db, "acc_a", "inb_a2", "k", "msg_a2k", 1_000);
            send(db, "acc_a", "inb_a1", "only-a1", "msg_a1o", 1_500);
            // Two sends of one key at the same millisecond: the lower inbox id keeps it.
            send(db, "acc_a", "inb_a2", "tie", "msg_a2t", 3_000);
            send(db, "acc_a", "inb_a1", "tie", "msg_a1t", 3_000);
            // Account B's "k" is its own.
            send(db, "acc_b", "inb_b1", "k", "msg_b1k", 500);
        }

        flyway(url, username, password).load().migrate();

        try (Connection db = DriverManager.getConnection(url, username, password);
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT account_id, idem_key, inbox_id, message_id, created_at"
                     + " FROM idempotency_keys ORDER BY account_id, idem_key")) {
            List<String> kept = new ArrayList<>();
            while (rows.next()) {
                kept.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3) + " "
                        + rows.getString(4) + " " + rows.getLong(5));
            }
            assertEquals(List.of("acc_a k inb_a1 msg_a1k 2000", "acc_a only-a1 inb_a1 msg_a1o 1500",
                    "acc_a tie inb_a1 msg_a1t 3000", "acc_b k inb_b1 msg_b1k 500"), kept);
        }
    }

    private static FluentConfiguration flyway(String url, String username, String password) {
        return Flyway.configure().dataSource(url, username, password).locations("classpath:db/migration");
    }

    private static void account(Connection db, String account, String... inboxes) throws SQLException {
        execute(db, "INSERT INTO accounts (id, name, inbox_limit, created_at) VALUES (?, NULL, 100, 0)", account);
        execute(db, "INSERT INTO pods (account_id, id, is_default, created_at) VALUES (?, ?, TRUE, 0)", account, "pod_" + account);
        for (String inbox : inboxes) {
            execute(db, "INSERT INTO inboxes (account_id, id, pod_id, address, created_at) VALUES (?, ?, ?, ?, 0)",
                    account, inbox, "pod_" + account, inbox + "@example.test");
            execute(db, "INSERT INTO threads (account_id, id, pod_id, inbox_id, subject, is_read, last_message_at,"
                    + " created_at, message_count) VALUES (?, ?, ?, ?, 's', FALSE, 0, 0, 1)", account, "thr_" + inbox,
                    "pod_" + account, inbox);
        }
    }

    private static void send(Connection db, String account, String inbox, String key, String message, long at)
            throws SQLException {
        execute(db, "INSERT INTO messages (account_id, id, pod_id, inbox_id, thread_id, direction, status, from_addr,"
                        + " to_addr, subject, raw, created_at) VALUES (?, ?, ?, ?, ?, 'outbound', 'sent', 'f', 't', 's', ?, ?)",
                account, message, "pod_" + account, inbox, "thr_" + inbox, new byte[]{'x'}, at);
        execute(db, "INSERT INTO idempotent_sends (account_id, inbox_id, idem_key, fingerprint, message_id, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", account, inbox, key, "0".repeat(64), message, at);
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
