package dev.openmail.domain.pod;

import dev.openmail.domain.common.DomainException;

/** A pod named in a request body that is not a pod of the account (or is no longer). */
public final class InvalidPodException extends DomainException {

    public InvalidPodException(String podRef) {
        super("podId '" + podRef + "' does not match a pod in this account; pass the id or clientId of one of its pods.");
    }
}
