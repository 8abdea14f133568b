package dev.openmail.domain.pod;

import dev.openmail.domain.common.DomainException;

public final class PodNotEmptyException extends DomainException {

    private final PodId podId;

    public PodNotEmptyException(Pod pod) {
        super(pod.describe() + " still holds inboxes; delete them first.");
        this.podId = pod.id();
    }

    /** The pod whose inboxes are in the way, for an adapter to say how to list them. */
    public PodId podId() {
        return podId;
    }
}
