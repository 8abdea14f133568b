package dev.openmail.adapters.persistence;

import com.zaxxer.hikari.HikariDataSource;
import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.domain.common.DatabaseUnavailableException;
import dev.openmail.domain.port.out.Transactions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the adapter runs work on the database: reads outside a transaction, work whose connection breaks, and the driver
 * settings for MySQL.
 */
class JdbcTransactionsTest {

    private record Seen(Connection connection, boolean autoCommit) {
    }

    @Test
    void readsRunOnOneConnectionOutsideAnyTransaction() {
        for (TestDatabase database : List.of(TestDatabase.h2(), TestDatabase.mysql())) {
            try (ApplicationContext context = start(database)) {
                Transactions transactions = context.getBean(Transactions.class);
                JdbcOperations jdbc = context.getBean(JdbcOperations.class);

                List<Seen> seen = transactions.reading(() -> List.of(seen(jdbc), seen(jdbc)));

                assertSame(seen.get(0).connection(), seen.get(1).connection(), database.toString());
                assertTrue(seen.get(0).autoCommit(), "a read outside a transaction is in autocommit: " + database);
            }
        }
    }

    @Test
    void readsInsideATransactionJoinIt() {
        try (ApplicationContext context = start(TestDatabase.mysql())) {
            Transactions transactions = context.getBean(Transactions.class);
            JdbcOperations jdbc = context.getBean(JdbcOperations.class);

            List<Seen> seen = transactions.inTransaction(() -> List.of(seen(jdbc), transactions.reading(() -> seen(jdbc))));

            assertSame(seen.get(0).connection(), seen.get(1).connection());
            assertFalse(seen.get(1).autoCommit());
        }
    }

    @Test
    void aTransactionWhoseConnectionBreaksBeforeItsWorkReturnedRunsAgainOnANewConnection() {
        for (TestDatabase database : List.of(TestDatabase.h2(), TestDatabase.mysql())) {
            try (Breakable probe = Breakable.on(database)) {
                AtomicInteger runs = new AtomicInteger();

                String answer = probe.transactions().inTransaction(() -> {
                    probe.insertRow();
                    if (runs.incrementAndGet() == 1) {
                        probe.breakConnection();
                    }
                    return probe.countRows() + " row";
                });

                assertEquals("1 row", answer, database.toString());
                assertEquals(2, runs.get(), "the work ran again after its connection broke: " + database);
                assertEquals(1, probe.rowsKept(), "the first attempt left nothing behind: " + database);
            }
        }
    }

    @Test
    void aTransactionWhoseConnectionBreaksAfterItsWorkReturnedIsAnsweredAsUnknownAndNotRunAgain() {
        for (TestDatabase database : List.of(TestDatabase.h2(), TestDatabase.mysql())) {
            try (Breakable probe = Breakable.on(database)) {
                AtomicInteger runs = new AtomicInteger();

                assertThrows(DatabaseUnavailableException.class, () -> probe.transactions().inTransaction(() -> {
                    runs.incrementAndGet();
                    probe.insertRow();
                    // The commit that follows meets the broken connection: whether it was kept is not known.
                    probe.breakConnection();
                    return null;
                }));

                assertEquals(1, runs.get(), "work whose commit may have happened is never run again: " + database);
                assertEquals(0, probe.rowsKept(), database.toString());
                assertEquals(1L, (long) probe.transactions().inTransaction(() -> {
                    probe.insertRow();
                    return probe.countRows();
                }), "the next transaction gets a working connection: " + database);
            }
        }
    }

    @Test
    void aReadWhoseConnectionBreaksRunsAgain() {
        for (TestDatabase database : List.of(TestDatabase.h2(), TestDatabase.mysql())) {
            try (Breakable probe = Breakable.on(database)) {
                probe.transactions().inTransaction(probe::insertRow);
                AtomicInteger runs = new AtomicInteger();

                long count = probe.transactions().reading(() -> {
                    if (runs.incrementAndGet() == 1) {
                        probe.breakConnection();
                    }
                    return probe.countRows();
                });

                assertEquals(1, count, database.toString());
                assertEquals(2, runs.get(), database.toString());
            }
        }
    }

    @Test
    void workWhoseConnectionKeepsBreakingIsAnsweredAsUnavailableAfterAFewAttempts() {
        try (Breakable probe = Breakable.on(TestDatabase.mysql())) {
            AtomicInteger runs = new AtomicInteger();

            assertThrows(DatabaseUnavailableException.class, () -> probe.transactions().inTransaction(() -> {
                runs.incrementAndGet();
                probe.insertRow();
                probe.breakConnection();
                return probe.countRows();
            }));

            assertTrue(runs.get() > 1 && runs.get() <= 5, runs + " attempts");
            assertEquals(0, probe.rowsKept());
        }
    }

    @Test
    void aTransactionMayNotStartInsideAReadWhichIsRunAgainWhole() {
        try (ApplicationContext context = start(TestDatabase.h2())) {
            Transactions transactions = context.getBean(Transactions.class);

            assertThrows(IllegalStateException.class,
                    () -> transactions.reading(() -> transactions.inTransaction(() -> "written")));
            assertEquals("read", transactions.inTransaction(() -> transactions.reading(() -> "read")),
                    "a read inside a transaction joins it");
        }
    }

    @Test
    void aMysqlDataSourceGetsTheDriverSettingsAndH2None() {
        TestDatabase mysql = TestDatabase.mysql();
        try (ApplicationContext context = start(mysql)) {
            Properties properties = hikari(context).getDataSourceProperties();
            if (MysqlDriverSettings.isMysql(mysql.url())) {
                MysqlDriverSettings.PROPERTIES.forEach((name, value) ->
                        assertEquals(value, properties.getProperty(name), name));
                assertNull(hikari(context).getConnectionTestQuery(), "an idle connection is checked by ping");
            } else {
                assertTrue(properties.isEmpty(), properties.toString());
            }
        }
        try (ApplicationContext context = start(TestDatabase.h2())) {
            Properties properties = hikari(context).getDataSourceProperties();
            assertTrue(properties.isEmpty(), properties.toString());
        }
    }

    @Test
    void aSettingOfTheOperatorsOwnIsKept() {
        TestDatabase mysql = TestDatabase.mysql();
        Map<String, Object> own = Map.of("datasources.default.data-source-properties.prepStmtCacheSize", "17",
                "datasources.default.connection-test-query", "SELECT 2");
        try (ApplicationContext context = start(mysql, own)) {
            HikariDataSource hikari = hikari(context);
            if (MysqlDriverSettings.isMysql(mysql.url())) {
                assertEquals("17", hikari.getDataSourceProperties().getProperty("prepStmtCacheSize"));
            }
            assertEquals("SELECT 2", hikari.getConnectionTestQuery());
        }
    }

    @Test
    void aSettingOfTheOperatorsOwnFromTheEnvironmentIsKeptThoughInLowerCase() {
        TestDatabase mysql = TestDatabase.mysql();
        try (ApplicationContext context = start(mysql,
                Map.of("datasources.default.data-source-properties.useserverprepstmts", "false"))) {
            Properties properties = hikari(context).getDataSourceProperties();
            if (MysqlDriverSettings.isMysql(mysql.url())) {
                assertEquals("false", properties.getProperty("useserverprepstmts"), properties.toString());
                assertNull(properties.getProperty("useServerPrepStmts"), properties.toString());
                assertEquals("true", properties.getProperty("cachePrepStmts"), properties.toString());
            }
        }
    }

    private static HikariDataSource hikari(ApplicationContext context) {
        try {
            return context.getBean(DataSource.class).unwrap(HikariDataSource.class);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A server context whose connections a test may break, a table of the test's own and a fresh key in it. The pool
     * drops an H2 session that {@link #breakConnection} aborted ({@link AbortedH2SessionsEvicted}).
     */
    private record Breakable(TestDatabase database, ApplicationContext context, Transactions transactions,
                             JdbcOperations jdbc, String id) implements AutoCloseable {

        static Breakable on(TestDatabase database) {
            ApplicationContext context = start(database, Map.of("datasources.default.exception-override-class-name",
                    AbortedH2SessionsEvicted.class.getName()));
            JdbcOperations jdbc = context.getBean(JdbcOperations.class);
            jdbc.execute(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE IF NOT EXISTS tx_probe (id VARCHAR(40) PRIMARY KEY)");
                }
                return null;
            });
            return new Breakable(database, context, context.getBean(Transactions.class), jdbc,
                    UUID.randomUUID().toString());
        }

        void insertRow() {
            jdbc.prepareStatement("INSERT INTO tx_probe (id) VALUES (?)", statement -> {
                statement.setString(1, id);
                statement.executeUpdate();
                return null;
            });
        }

        long countRows() {
            return jdbc.prepareStatement("SELECT COUNT(*) FROM tx_probe WHERE id = ?", statement -> {
                statement.setString(1, id);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            });
        }

        /** The rows of this probe the database kept, read past the context under test. */
        long rowsKept() {
            return database.queryForLong("SELECT COUNT(*) FROM tx_probe WHERE id = ?", id);
        }

        /**
         * Ends the connection the current work runs on from another connection, as a database node's death or a
         * network failure would: the server forgets what the connection had not committed, and its next use fails.
         */
        void breakConnection() {
            boolean mysql = MysqlDriverSettings.isMysql(database.url());
            long connectionId = jdbc.execute(connection -> {
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery(mysql ? "SELECT CONNECTION_ID()" : "SELECT SESSION_ID()")) {
                    rows.next();
                    return rows.getLong(1);
                }
            });
            if (mysql) {
                database.execute("KILL CONNECTION " + connectionId);
                // The server ends a killed connection on its own thread; wait until it has.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (database.queryForLong("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?",
                        connectionId) > 0) {
                    assertTrue(System.nanoTime() < deadline, "connection " + connectionId + " still there 10 s after KILL");
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                }
            } else {
                assertEquals(1, database.queryForLong("SELECT COUNT(*) FROM (SELECT ABORT_SESSION(?)) AS aborted",
                        connectionId));
            }
        }

        @Override
        public void close() {
            context.close();
        }
    }

    private static Seen seen(JdbcOperations jdbc) {
        return jdbc.execute(connection -> new Seen(connection.unwrap(Connection.class), connection.getAutoCommit()));
    }

    private static ApplicationContext start(TestDatabase database) {
        return start(database, Map.of());
    }

    private static ApplicationContext start(TestDatabase database, Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(database.micronautProperties());
        properties.put("flyway.datasources.default.enabled", true);
        properties.putAll(settings);
        return ApplicationContext.run(properties);
    }
}
