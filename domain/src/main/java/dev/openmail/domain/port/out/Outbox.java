package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.OutboxEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The durable queue of sent messages waiting to be delivered to recipients outside this installation. */
public interface Outbox {

    void enqueue(OutboxEntry entry);

    /**
     * Up to {@code max} entries due at {@code now}, oldest due first, each claimed for {@code lease}: until the lease
     * ends no other claim returns it, so two workers never relay one message twice at once.
     */
    List<OutboxEntry> claimDue(Instant now, Duration lease, int max);

    /**
     * Stores the entry's recipients still pending, new attempt count, next attempt time and error, and ends its claim.
     */
    void reschedule(OutboxEntry entry);

    void remove(AccountId accountId, MessageId messageId);
}
