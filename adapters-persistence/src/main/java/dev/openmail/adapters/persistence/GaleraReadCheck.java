package dev.openmail.adapters.persistence;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Warns at start-up when the database is a Galera node and reads do not wait for what the cluster committed before
 * them ({@code wsrep_sync_wait} without its first bit): a client would then miss a write another process answered a
 * moment before. README "High availability" has the URL that sets it. Says nothing on H2, MySQL or MariaDB without
 * Galera.
 */
@Singleton
final class GaleraReadCheck {

    static final String WARNING = "The database is a Galera cluster node but its reads do not wait for the cluster"
            + " (wsrep_sync_wait={}): a read through one server process can miss what another one just wrote. Add"
            + " sessionVariables=wsrep_sync_wait=1 to the JDBC URL (README, High availability).";
    private static final Logger LOG = LoggerFactory.getLogger(GaleraReadCheck.class);

    private final ConnectionOperations<Connection> connections;

    GaleraReadCheck(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    @EventListener
    void check(StartupEvent event) {
        try {
            connections.execute(ConnectionDefinition.DEFAULT, status -> {
                check(status.getConnection());
                return null;
            });
        } catch (RuntimeException unreachable) {
            // a database that cannot be reached shows itself elsewhere
            LOG.debug("No Galera read check: {}", unreachable.toString());
        }
    }

    private static void check(Connection connection) {
        try {
            if (!MysqlDriverSettings.isMysql(connection.getMetaData().getURL())) {
                return;
            }
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT @@global.wsrep_on, @@session.wsrep_sync_wait")) {
                if (row.next() && row.getBoolean(1) && (row.getLong(2) & 1) == 0) {
                    LOG.warn(WARNING, row.getLong(2));
                }
            }
        } catch (SQLException notMariaDb) {
            // MySQL has no wsrep variables
            LOG.debug("No Galera read check: {}", notMariaDb.toString());
        }
    }
}
