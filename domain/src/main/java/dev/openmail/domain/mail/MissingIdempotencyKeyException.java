package dev.openmail.domain.mail;

import dev.openmail.domain.common.DomainException;

public final class MissingIdempotencyKeyException extends DomainException {

    public MissingIdempotencyKeyException() {
        super("Sending needs an Idempotency-Key header (1 to 255 visible ASCII characters, e.g. a UUID); repeat it to retry safely.");
    }
}
