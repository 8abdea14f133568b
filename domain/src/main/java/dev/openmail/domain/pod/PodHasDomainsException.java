package dev.openmail.domain.pod;

import dev.openmail.domain.common.DomainException;

public final class PodHasDomainsException extends DomainException {

    public PodHasDomainsException(Pod pod) {
        super(pod.describe() + " still owns pod-scoped domains; make them account-wide, move them to another pod,"
                + " or delete them first.");
    }
}
