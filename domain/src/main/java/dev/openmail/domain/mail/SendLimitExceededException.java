package dev.openmail.domain.mail;

import dev.openmail.domain.common.DomainException;
import dev.openmail.domain.common.RetryLater;

import java.time.Duration;

/** A send over one of the inbox's caps ({@link SendLimits}); nothing was sent. */
public final class SendLimitExceededException extends DomainException implements RetryLater {

    private final Duration retryAfter;

    public SendLimitExceededException(String cap, Duration retryAfter) {
        super("Max " + cap + "; nothing was sent. Retry in " + Math.max(1, retryAfter.toSeconds()) + " s.");
        this.retryAfter = retryAfter;
    }

    /** How long until the cap's window ends and the send would be taken. */
    @Override
    public Duration retryAfter() {
        return retryAfter;
    }
}
