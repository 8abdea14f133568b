package dev.openmail.domain.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How much work waits in the server's queues, read for the operator's metrics: the outbox of outgoing mail and the
 * webhook deliveries. Each read is one statement outside any transaction; callers keep the answers for a while rather
 * than asking on every look.
 */
public interface InspectQueues {

    /** A queue's entries still to work ({@code depth}) and the earliest time one of them is due, if any. */
    record QueueState(long depth, Optional<Instant> earliestDue) {
        public QueueState {
            Objects.requireNonNull(earliestDue, "earliestDue");
            if (depth < 0) {
                throw new IllegalArgumentException("a queue cannot hold fewer than no entries: " + depth);
            }
        }
    }

    /** Every outbox entry (a message with outside recipients still pending), claimed or not. */
    QueueState outbox();

    /** Every webhook delivery still pending (first attempt or retry), claimed or not. */
    QueueState webhooks();

    /**
     * When the oldest event whose delivery is still pending occurred: how far the handing on of events (a webhook
     * post, or the decision that a WebSocket heard it) lags behind the events themselves. Empty when none waits.
     */
    Optional<Instant> oldestUndeliveredEvent();
}
