package dev.openmail.domain.common;

import java.time.Duration;

/** The request kept colliding with concurrent ones and was given up; nothing of it was kept, and a retry may succeed. */
public final class BusyException extends DomainException implements RetryLater {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    public BusyException() {
        super("The server is handling conflicting requests for the same resources; nothing changed, retry shortly.");
    }

    @Override
    public Duration retryAfter() {
        return RETRY_AFTER;
    }
}
