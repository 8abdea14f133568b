package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.extraction.ExtractionJob;
import dev.openmail.domain.mail.MessageId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The durable queue of received messages whose attachments' text is still to be read, one job per message. It goes
 * with its message. Every method runs in the caller's transaction when there is one.
 */
public interface ExtractionJobs {

    /** Queues the message, unclaimed, with no attempt and its event not recorded. */
    void enqueue(AccountId accountId, MessageId messageId, Instant createdAt);

    /**
     * Up to {@code max} jobs free at {@code now} (never claimed, or their lease over), oldest first, each claimed for
     * {@code lease} with one more attempt counted: until the lease ends no other claim returns it, so two workers never
     * read one message's attachments at once, and a worker that dies leaves the job to the next claim.
     */
    List<ExtractionJob> claim(Instant now, Duration lease, int max);

    /**
     * Extends the claim that counted attempt {@code attempt} to {@code until}, as its worker finishes each file: true
     * while that claim still holds the job (its lease may have run out, but nobody claimed the job since); false when
     * the job is gone or a later claim took it over, and the worker should stop.
     */
    boolean renew(AccountId accountId, MessageId messageId, int attempt, Instant until);

    /**
     * Marks the job's event as recorded, unless it already is: true for the one caller that changed it, which records
     * the event in the same transaction; false when another did, or the job is gone.
     */
    boolean markEventRecorded(AccountId accountId, MessageId messageId);

    /** Up to {@code max} jobs created before {@code cutoff} whose event is not recorded, claimed or not, oldest first. */
    List<ExtractionJob> overdue(Instant cutoff, int max);

    /** Removes the job; false when it was gone already. */
    boolean remove(AccountId accountId, MessageId messageId);
}
