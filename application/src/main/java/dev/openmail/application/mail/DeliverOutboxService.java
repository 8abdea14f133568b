package dev.openmail.application.mail;

import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.mail.MessageStatus;
import dev.openmail.domain.mail.OutboxEntry;
import dev.openmail.domain.port.in.DeliverOutbox;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.Outbox;
import dev.openmail.domain.port.out.RecordEvents;
import dev.openmail.domain.port.out.RelayMail;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.Transactions;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Works through the outbox: each due entry goes to the relay; taken, its message is sent; refused for good, or still
 * failing after the last attempt, it is failed; otherwise it waits twice as long as last time. A sent or failed
 * message is reported by a {@code message.delivered} or {@code message.failed} event written with its new status.
 */
public final class DeliverOutboxService implements DeliverOutbox {

    static final int BATCH = 20;

    private final Transactions transactions;
    private final Outbox outbox;
    private final LoadMail loadMail;
    private final SaveMail saveMail;
    private final RelayMail relay;
    private final RecordEvents recordEvents;
    private final Clock clock;
    private final Retry retry;

    public DeliverOutboxService(Transactions transactions, Outbox outbox, LoadMail loadMail, SaveMail saveMail,
                                RelayMail relay, RecordEvents recordEvents, Clock clock, Retry retry) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.loadMail = loadMail;
        this.saveMail = saveMail;
        this.relay = relay;
        this.recordEvents = recordEvents;
        this.clock = clock;
        this.retry = retry;
    }

    /**
     * Backoff: the first retry after {@code base}, doubling up to {@code cap}; failed after {@code maxAttempts}.
     * {@code lease}: how long a claimed entry is left to its worker before another may take it over, which is also how
     * long an entry claimed by a server that died waits before it is tried again. It must outlast a relay attempt.
     */
    public record Retry(Duration base, Duration cap, int maxAttempts, Duration lease) {

        public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);

        public Retry(Duration base, Duration cap, int maxAttempts) {
            this(base, cap, maxAttempts, DEFAULT_LEASE);
        }
    }

    @Override
    public int deliverDue() {
        List<OutboxEntry> due = transactions.inTransaction(() -> outbox.claimDue(clock.instant(), retry.lease(), BATCH));
        int delivered = 0;
        for (OutboxEntry entry : due) {
            if (deliver(entry)) {
                delivered++;
            }
        }
        return delivered;
    }

    private boolean deliver(OutboxEntry entry) {
        Optional<byte[]> raw = transactions.inTransaction(() -> loadMail.findRaw(entry.accountId(), entry.messageId()));
        if (raw.isEmpty()) {
            // The message went with its inbox; there is nothing left to send.
            transactions.inTransaction(() -> outbox.remove(entry.accountId(), entry.messageId()));
            return false;
        }
        try {
            relay.relay(entry.envelopeFrom(), entry.recipients(), raw.get());
        } catch (RelayMail.RelayUnavailableException later) {
            retryOrFail(entry, later.getMessage());
            return false;
        } catch (RelayMail.RelayRefusedException never) {
            finish(entry, MessageStatus.FAILED);
            return false;
        } catch (RuntimeException unexpected) {
            // Whatever else went wrong may not go wrong next time; the entry is treated like one after a relay outage.
            retryOrFail(entry, String.valueOf(unexpected));
            return false;
        }
        finish(entry, MessageStatus.SENT);
        return true;
    }

    private void retryOrFail(OutboxEntry entry, String error) {
        OutboxEntry next = entry.retryLater(error, clock.instant(), retry.base(), retry.cap());
        if (next.attempts() >= retry.maxAttempts()) {
            finish(entry, MessageStatus.FAILED);
        } else {
            transactions.inTransaction(() -> outbox.reschedule(next));
        }
    }

    private void finish(OutboxEntry entry, MessageStatus status) {
        EventType reported = status == MessageStatus.SENT ? EventType.MESSAGE_DELIVERED : EventType.MESSAGE_FAILED;
        transactions.inTransaction(() -> {
            outbox.remove(entry.accountId(), entry.messageId());
            saveMail.updateStatus(entry.accountId(), entry.messageId(), status);
            // A message deleted with its inbox meanwhile has no one left to tell.
            loadMail.findMessage(entry.accountId(), entry.messageId()).ifPresent(message ->
                    recordEvents.record(List.of(MailEvent.about(reported, message, clock.instant()))));
        });
    }
}
