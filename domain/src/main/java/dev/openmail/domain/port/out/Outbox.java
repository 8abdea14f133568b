package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.OutboxEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

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

    /**
     * When the entry's current claim ends (epoch millis), the entry locked until the transaction ends; empty when the
     * entry is gone or not claimed. A worker compares it with the end of its own claim before writing what it did, so
     * that one whose lease ran out and was claimed again by another leaves the entry to that one.
     */
    OptionalLong claimedUntil(AccountId accountId, MessageId messageId);
}
