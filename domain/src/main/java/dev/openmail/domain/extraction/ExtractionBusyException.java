package dev.openmail.domain.extraction;

import dev.openmail.domain.common.DomainException;

import java.time.Duration;

/** No extraction slot became free in time for an on-demand read; nothing was read. */
public final class ExtractionBusyException extends DomainException {

    private final Duration retryAfter;

    public ExtractionBusyException(Duration retryAfter) {
        super("Every extraction slot is busy; the text was not read yet. Try again in " + retryAfter.toSeconds()
                + " seconds.");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
