package dev.openmail.domain.pod;

import dev.openmail.domain.common.DomainException;

public final class PodNotEmptyException extends DomainException {

    public PodNotEmptyException(Pod pod) {
        super(pod.describe() + " still holds inboxes; delete them first (GET /v1/inboxes?podId=" + pod.id() + " lists them).");
    }
}
