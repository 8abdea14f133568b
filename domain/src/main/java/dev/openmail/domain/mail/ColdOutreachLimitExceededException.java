package dev.openmail.domain.mail;

import dev.openmail.domain.common.DomainException;
import dev.openmail.domain.common.RetryLater;

import java.time.Duration;

/**
 * A send whose cold recipients (outside this installation, never written to the sending inbox) would pass one of the
 * cold-outreach caps of the UTC day ({@link SendLimits}); nothing was sent and nothing counted.
 */
public final class ColdOutreachLimitExceededException extends DomainException implements RetryLater {

    private final Duration retryAfter;

    /** {@code cap} says which, e.g. "20 cold sends per day (UTC) per inbox in its first 30 days". */
    public ColdOutreachLimitExceededException(String cap, int coldRecipients, Duration retryAfter) {
        super(cap + "; this message has " + coldRecipients + " cold recipient" + (coldRecipients == 1 ? "" : "s")
                + " (each counts) and was not sent. Retry after 00:00 UTC (in " + Math.max(1, retryAfter.toSeconds())
                + " s).");
        this.retryAfter = retryAfter;
    }

    /** How long until the next UTC midnight, when the day's cold counts start again. */
    @Override
    public Duration retryAfter() {
        return retryAfter;
    }
}
