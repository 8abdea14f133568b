package dev.openmail.domain.inbox;

import dev.openmail.domain.common.DomainException;

public final class InvalidMailboxNameException extends DomainException {

    public InvalidMailboxNameException(String message) {
        super(message);
    }
}
