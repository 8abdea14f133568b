package dev.openmail.domain.common;

/** The request carries no credential this installation accepts. */
public final class UnauthorizedException extends DomainException {

    public UnauthorizedException(String message) {
        super(message);
    }
}
