package dev.openmail.domain.common;

/**
 * A request the domain refuses. Each subclass is one failure a client can act on; the REST adapter maps each to one
 * status and error code, and the message is written for the client.
 */
public abstract class DomainException extends RuntimeException {

    protected DomainException(String message) {
        super(message, null, false, false);
    }
}
