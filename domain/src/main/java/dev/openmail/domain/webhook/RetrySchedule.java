package dev.openmail.domain.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a webhook is posted: at once, then 30 seconds, 60 seconds, 2 minutes and 4 minutes after each failed attempt;
 * after the fifth failure the delivery has failed.
 */
public final class RetrySchedule {

    /** The wait before each attempt, the first being immediate. */
    public static final List<Duration> DELAYS = List.of(Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofMinutes(2), Duration.ofMinutes(4));
    public static final int MAX_ATTEMPTS = DELAYS.size();

    private RetrySchedule() {
    }

    /**
     * When the next attempt is due after attempt number {@code attemptsMade} failed at {@code failedAt}; empty when
     * that was the last.
     */
    public static Optional<Instant> nextAttempt(int attemptsMade, Instant failedAt) {
        if (attemptsMade < 1) {
            throw new IllegalArgumentException("no attempt was made yet");
        }
        if (attemptsMade >= MAX_ATTEMPTS) {
            return Optional.empty();
        }
        return Optional.of(failedAt.plus(DELAYS.get(attemptsMade)));
    }
}
