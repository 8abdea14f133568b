package dev.openmail.adapters.persistence;

import io.micronaut.data.connection.exceptions.ConnectionException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/**
 * Recognises, across MySQL, MariaDB and H2, which constraint a failed statement ran into. Shared by the stores over
 * repositories and the hand-written ones, and by the transactions that retry.
 */
public final class SqlErrors {

    private SqlErrors() {
    }

    /** True when {@code failure} was caused by the database refusing a write because of {@code constraintName}. */
    public static boolean violated(Throwable failure, String constraintName) {
        String needle = constraintName.toLowerCase(Locale.ROOT);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && isIntegrityViolation(sql)
                    && sql.getMessage() != null && sql.getMessage().toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code failure} was caused by a write meeting a row with the same primary or unique key. Told by error
     * code rather than by the key's name, since MySQL names every primary key PRIMARY (and MySQL 8 adds the table):
     * 1062 (ER_DUP_ENTRY) and 1586 (the same, naming the key) on MySQL and MariaDB, 23505 on H2. Other integrity
     * failures, such as a missing parent row, share the SQLSTATE class 23 but none of these codes.
     */
    public static boolean isDuplicateKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && isIntegrityViolation(sql)) {
                int code = sql.getErrorCode();
                if (code == 1062 || code == 1586 || code == 23505) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True for failures that a fresh attempt of the whole transaction may not meet: deadlocks and lock timeouts. */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                int code = sql.getErrorCode();
                if ("40001".equals(state) || code == 1213 || code == 1205 || "HYT00".equals(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True when {@code failure} was caused by the connection to the database breaking or not being made: SQLSTATE class
     * 08 (Connector/J's communications failure is 08S01, a closed connection 08003), the JDBC connection exception
     * types (the pool's timeout is an {@link SQLTransientConnectionException}), a Galera node that is not (or no longer)
     * part of the primary component (1047, {@code WSREP has not yet prepared node for application use}; 1180 for a
     * commit it could not replicate, {@code Not connected to Primary Component}), a connection
     * the server killed (1927) and H2's broken connection (90067) for its server mode; and Micronaut's failure to
     * get, set up or give back a connection, which is what reaches the caller when the pool's connection was closed
     * under the transaction (the rollback after a broken statement fails too, and its failure replaces the first).
     */
    public static boolean isConnectionLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof ConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                int code = sql.getErrorCode();
                if ((state != null && state.startsWith("08")) || code == 1047 || code == 1180 || code == 1927
                        || code == 90067) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isIntegrityViolation(SQLException sql) {
        return sql.getSQLState() != null && sql.getSQLState().startsWith("23");
    }
}
