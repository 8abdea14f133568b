package dev.openmail.adapters.persistence;

import com.zaxxer.hikari.HikariDataSource;
import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.domain.port.out.Transactions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the adapter runs work on the database: reads outside a transaction, and the driver settings for MySQL. */
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
