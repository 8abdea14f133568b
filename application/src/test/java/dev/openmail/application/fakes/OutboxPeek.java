package dev.openmail.application.fakes;

import dev.openmail.domain.mail.OutboxEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every outbox entry of an {@link InMemoryStore}, due or not, claimed or not. The outbox port can only claim; the
 * claim is made inside a transaction that is then rolled back, so that looking leaves no claim behind.
 */
public final class OutboxPeek {

    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");

    private OutboxPeek() {
    }

    public static List<OutboxEntry> entries(InMemoryStore store) {
        try {
            Supplier<Void> look = () -> {
                throw new Looked(store.outbox().claimDue(END_OF_TIME, Duration.ZERO, Integer.MAX_VALUE));
            };
            new InMemoryTransactions(store).inTransaction(look);
        } catch (Looked looked) {
            return looked.entries;
        }
        throw new AssertionError("unreachable: the look always rolls back");
    }

    private static final class Looked extends RuntimeException {
        final List<OutboxEntry> entries;

        Looked(List<OutboxEntry> entries) {
            super(null, null, false, false);
            this.entries = List.copyOf(entries);
        }
    }
}
