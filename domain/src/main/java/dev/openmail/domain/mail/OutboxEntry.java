package dev.openmail.domain.mail;

import dev.openmail.domain.account.AccountId;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * A sent message still to be handed to the relay for the recipients outside this installation. It stays until the
 * relay takes it or refuses it for good, so that a restart loses nothing.
 */
public record OutboxEntry(AccountId accountId, MessageId messageId, String envelopeFrom, List<String> recipients,
                          int attempts, Instant nextAttemptAt, String lastError) {

    public OutboxEntry {
        Objects.requireNonNull(accountId);
        Objects.requireNonNull(messageId);
        Objects.requireNonNull(envelopeFrom);
        recipients = List.copyOf(recipients);
        nextAttemptAt = Objects.requireNonNull(nextAttemptAt).truncatedTo(ChronoUnit.MILLIS);
    }

    public static OutboxEntry first(AccountId accountId, MessageId messageId, String envelopeFrom,
                                    List<String> recipients, Instant now) {
        return new OutboxEntry(accountId, messageId, envelopeFrom, recipients, 0, now, null);
    }

    /**
     * The entry after a temporary failure: the next attempt waits {@code base} doubled for each attempt made, at most
     * {@code cap}.
     */
    public OutboxEntry retryLater(String error, Instant now, Duration base, Duration cap) {
        int made = attempts + 1;
        Duration wait = base.multipliedBy(1L << Math.min(made - 1, 30));
        if (wait.compareTo(cap) > 0 || wait.isNegative()) {
            wait = cap;
        }
        return new OutboxEntry(accountId, messageId, envelopeFrom, recipients, made, now.plus(wait), error);
    }
}
