package dev.openmail.domain.access;

import dev.openmail.domain.common.DomainException;

/** A scoped key asked for something outside its boundary; the message names the boundary. */
public final class ForbiddenException extends DomainException {

    public ForbiddenException(String message) {
        super(message);
    }
}
