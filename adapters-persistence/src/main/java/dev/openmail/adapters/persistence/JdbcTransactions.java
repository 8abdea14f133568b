package dev.openmail.adapters.persistence;

import dev.openmail.domain.common.BusyException;
import dev.openmail.domain.common.DatabaseUnavailableException;
import dev.openmail.domain.port.out.Transactions;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Runs work in one database transaction, or reads on one connection outside any ({@link #reading}).
 *
 * <p>A transaction that lost a deadlock, timed out waiting for a lock or failed Galera's certification at commit (which
 * MariaDB reports as a deadlock) is run again from the start after a short random pause, a bounded number of times:
 * the database picks such victims under contention and rolls them back whole, and the client should not see that as a
 * failure. When every attempt lost for a few seconds, the client is told to retry ({@link BusyException}).
 *
 * <p>A connection that breaks (a database node dies, a network fails) is handled by when it broke. Before the work
 * returned, nothing was committed: the database rolls back what an ended connection left open, and a Galera node
 * replicates nothing before commit, so the work runs again on a new connection (with a load-balancing URL, to another
 * node). Once the work returned, the connection may have broken during {@code COMMIT}, after the database had kept the
 * transaction: running it again could do it twice, so the client is told that the outcome is unknown
 * ({@link DatabaseUnavailableException}) and repeats the request itself (a create with a clientId or mailbox name then
 * answers 409 when the first was kept, a send with the same Idempotency-Key is sent once). Reads outside a transaction
 * are run again whenever their connection broke or they lost a conflict; a transaction may not start inside one.
 */
@Singleton
final class JdbcTransactions implements Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcTransactions.class);
    private static final int ATTEMPTS = 5;
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long MAX_CONFLICT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * Lost conflicts are run again for at least this long (and at least {@link #ATTEMPTS} times): on one database the
     * losers of a lock queue up, but on a Galera cluster every commit on one node aborts the holders of the same row
     * on the others, so dozens of writers of one row on two nodes lose many times before each gets its turn.
     */
    private static final long CONFLICT_RETRY_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** Past this since the first attempt, a broken connection is not tried again: the pool has its own wait. */
    private static final long CONNECTION_RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long MAX_CONNECTION_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final TransactionOperations<Connection> operations;
    private final ConnectionOperations<Connection> connections;

    JdbcTransactions(TransactionOperations<Connection> operations, ConnectionOperations<Connection> connections) {
        this.operations = operations;
        this.connections = connections;
    }

    @Override
    public <T> T reading(Supplier<T> work) {
        if (operations.findTransactionStatus().isPresent() || connections.findConnectionStatus().isPresent()) {
            // Inside a transaction or an outer read: only the outermost may start over.
            return work.get();
        }
        long started = System.nanoTime();
        int conflicts = 0;
        int breaks = 0;
        while (true) {
            try {
                // One connection for every statement of the work, in autocommit: no SET autocommit, COMMIT and reset.
                return connections.execute(ConnectionDefinition.DEFAULT, status -> work.get());
            } catch (RuntimeException e) {
                if (SqlErrors.isTransient(e)) {
                    // a Galera read that waited too long for its node to catch up (wsrep_sync_wait) times out as a lock
                    pauseOrBusy(++conflicts, started, e);
                } else if (SqlErrors.isConnectionLost(e)) {
                    pauseOrGiveUp(++breaks, started, "A read", e);
                } else {
                    throw e;
                }
            }
        }
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (operations.findTransactionStatus().isPresent()) {
            // Joining an outer transaction: only the outermost one may start over.
            return operations.executeWrite(status -> work.get());
        }
        if (connections.findConnectionStatus().isPresent()) {
            // A read that breaks is run again whole; a write committed inside it would be done twice.
            throw new IllegalStateException("a transaction may not be started inside Transactions.reading");
        }
        long started = System.nanoTime();
        int conflicts = 0;
        int breaks = 0;
        while (true) {
            boolean[] workReturned = {false};
            try {
                return operations.executeWrite(status -> {
                    T result = work.get();
                    workReturned[0] = true;
                    return result;
                });
            } catch (RuntimeException e) {
                if (SqlErrors.isTransient(e)) {
                    // Rolled back whole, also when Galera refused the commit: safe to run again.
                    pauseOrBusy(++conflicts, started, e);
                } else if (SqlErrors.isConnectionLost(e)) {
                    if (workReturned[0]) {
                        LOG.warn("The database connection broke while a transaction was being committed; its outcome"
                                + " is unknown and the client is told to retry", e);
                        throw new DatabaseUnavailableException();
                    }
                    pauseOrGiveUp(++breaks, started, "A transaction", e);
                } else {
                    throw e;
                }
            }
        }
    }

    /** Waits a little before work that lost a conflict runs again, or gives up when it has lost long enough. */
    private static void pauseOrBusy(int conflicts, long started, RuntimeException failure) {
        if (conflicts >= ATTEMPTS && System.nanoTime() - started > CONFLICT_RETRY_NANOS) {
            LOG.warn("Gave up after {} deadlocks or lock timeouts", conflicts, failure);
            throw new BusyException();
        }
        LOG.debug("Attempt {} met a deadlock or lock timeout; running it again", conflicts, failure);
        // Random, growing pauses keep the losers of one collision from colliding again in step.
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(
                Math.min(MAX_PAUSE_NANOS * conflicts, MAX_CONFLICT_PAUSE_NANOS)));
    }

    /** Waits a little before work whose connection broke runs again, or gives up when it has been tried enough. */
    private static void pauseOrGiveUp(int attempt, long started, String what, RuntimeException failure) {
        if (attempt >= ATTEMPTS || System.nanoTime() - started > CONNECTION_RETRY_NANOS) {
            LOG.warn("{} gave up after {} attempts on broken database connections", what, attempt, failure);
            throw new DatabaseUnavailableException();
        }
        LOG.info("{} lost its database connection before it committed anything (attempt {}); running it again: {}",
                what, attempt, failure.toString());
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(MAX_CONNECTION_PAUSE_NANOS * attempt));
    }
}
