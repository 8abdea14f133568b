package dev.openmail.domain.pod;

import dev.openmail.domain.common.DomainException;

public final class DefaultPodException extends DomainException {

    public DefaultPodException() {
        super("The default pod cannot be deleted; every account keeps exactly one.");
    }
}
