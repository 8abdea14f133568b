package dev.openmail.domain.extraction;

import dev.openmail.domain.common.DomainException;
import dev.openmail.domain.common.RetryLater;

import java.time.Duration;

/** No extraction slot became free in time for an on-demand read; nothing was read. */
public final class ExtractionBusyException extends DomainException implements RetryLater {

    private final Duration retryAfter;

    public ExtractionBusyException(Duration retryAfter) {
        super("Every extraction slot is busy; the text was not read yet. Try again in " + retryAfter.toSeconds()
                + " seconds.");
        this.retryAfter = retryAfter;
    }

    @Override
    public Duration retryAfter() {
        return retryAfter;
    }
}
