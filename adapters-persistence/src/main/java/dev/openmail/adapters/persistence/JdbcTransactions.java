package dev.openmail.adapters.persistence;

import dev.openmail.domain.common.BusyException;
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
 * Runs work in one database transaction, or reads on one connection outside any ({@link #reading}). A transaction that
 * lost a deadlock or timed out waiting for a lock is run again from the start after a short random pause, a bounded
 * number of times: InnoDB picks such victims under contention, and the client should not see that as a failure. When
 * every attempt lost, the client is told to retry.
 */
@Singleton
final class JdbcTransactions implements Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcTransactions.class);
    private static final int ATTEMPTS = 5;
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final TransactionOperations<Connection> operations;
    private final ConnectionOperations<Connection> connections;

    JdbcTransactions(TransactionOperations<Connection> operations, ConnectionOperations<Connection> connections) {
        this.operations = operations;
        this.connections = connections;
    }

    @Override
    public <T> T reading(Supplier<T> work) {
        if (operations.findTransactionStatus().isPresent()) {
            return work.get();
        }
        // One connection for every statement of the work, in autocommit: no SET autocommit, COMMIT and reset.
        return connections.execute(ConnectionDefinition.DEFAULT, status -> work.get());
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (operations.findTransactionStatus().isPresent()) {
            // Joining an outer transaction: only the outermost one may start over.
            return operations.executeWrite(status -> work.get());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return operations.executeWrite(status -> work.get());
            } catch (RuntimeException e) {
                if (!SqlErrors.isTransient(e)) {
                    throw e;
                }
                if (attempt >= ATTEMPTS) {
                    LOG.warn("Transaction gave up after {} deadlocks or lock timeouts", attempt, e);
                    throw new BusyException();
                }
                LOG.debug("Transaction attempt {} met a deadlock or lock timeout; running it again", attempt, e);
                // Random, growing pauses keep the losers of one collision from colliding again in step.
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(MAX_PAUSE_NANOS * attempt));
            }
        }
    }
}
