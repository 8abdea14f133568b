package dev.openmail.domain.common;

import java.time.Duration;

/**
 * The database could not be reached, or its connection broke while it was confirming the request, so whether the
 * request took effect is not known. The client repeats the request: a create with a clientId or mailbox name that did
 * take effect then answers 409 and the client can read what exists, and a send with the same Idempotency-Key is never
 * sent twice.
 */
public final class DatabaseUnavailableException extends DomainException implements RetryLater {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    public DatabaseUnavailableException() {
        super("The database did not answer, so the request may or may not have taken effect. Retry it after the"
                + " Retry-After seconds: a create with a clientId or mailbox name that did take effect then answers 409 and"
                + " the existing resource can be read, and a send repeated with the same Idempotency-Key is sent only"
                + " once.");
    }

    @Override
    public Duration retryAfter() {
        return RETRY_AFTER;
    }
}
