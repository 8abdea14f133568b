package dev.openmail.domain.extraction;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.mail.MessageId;

import java.time.Instant;
import java.util.Objects;

/**
 * A received message whose attachments still have to be read, as a worker claimed it.
 *
 * @param createdAt     when the message was filed: its {@code message.received} event waits for the texts until
 *                      this plus the event deadline
 * @param attempts      how many claims the job has had, this one included (a claim that never finished counts)
 * @param eventRecorded whether the message's {@code message.received} event is already recorded (the deadline passed)
 */
public record ExtractionJob(AccountId accountId, MessageId messageId, Instant createdAt, int attempts,
                            boolean eventRecorded) {

    public ExtractionJob {
        Objects.requireNonNull(accountId);
        Objects.requireNonNull(messageId);
        Objects.requireNonNull(createdAt);
    }
}
