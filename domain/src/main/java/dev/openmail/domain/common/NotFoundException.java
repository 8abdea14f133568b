package dev.openmail.domain.common;

/** The resource does not exist for the caller. Another account's resource is reported the same way. */
public final class NotFoundException extends DomainException {

    public NotFoundException(String message) {
        super(message);
    }
}
