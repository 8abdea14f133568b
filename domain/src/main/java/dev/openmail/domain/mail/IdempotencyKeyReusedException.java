package dev.openmail.domain.mail;

import dev.openmail.domain.common.DomainException;

public final class IdempotencyKeyReusedException extends DomainException {

    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was already used in this account for a different request (another body, or another inbox) in the last 24 hours; use a new key for a new message.");
    }
}
