package dev.openmail.domain.common;

/** The request kept colliding with concurrent ones and was given up; nothing of it was kept, and a retry may succeed. */
public final class BusyException extends DomainException {

    public BusyException() {
        super("The server is handling conflicting requests for the same resources; nothing changed, retry shortly.");
    }
}
