package dev.openmail.adapters.persistence;

import io.micronaut.data.exceptions.DataAccessException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures mean a broken connection, and which a lost conflict, wherever they sit in the cause chain. */
class SqlErrorsTest {

    @Test
    void brokenConnectionsAndANodeOutsideThePrimaryComponentAreConnectionLosses() {
        for (SQLException failure : new SQLException[] {new SQLException("Communications link failure", "08S01"),
                new SQLException("WSREP has not yet prepared node for application use", "08S01", 1047),
                new SQLException("Not connected to Primary Component", "HY000", 1180),
                new SQLException("Connection was killed", "70100", 1927),
                new SQLTransientConnectionException("Connection is not available, request timed out")}) {
            assertTrue(SqlErrors.isConnectionLost(new DataAccessException("wrapped", failure)), failure.toString());
            assertFalse(SqlErrors.isTransient(failure), failure.toString());
        }
    }

    @Test
    void deadlocksAndCertificationFailuresAreConflictsNotConnectionLosses() {
        SQLException deadlock = new SQLException("Deadlock found when trying to get lock; try restarting transaction",
                "40001", 1213);
        assertTrue(SqlErrors.isTransient(new DataAccessException("wrapped", deadlock)));
        assertFalse(SqlErrors.isConnectionLost(deadlock));
        assertFalse(SqlErrors.isConnectionLost(new SQLException("Unknown column", "42S22", 1054)));
    }
}
