package dev.openmail.domain.port.out;

import dev.openmail.domain.pod.Pod;

public interface RemovePod {

    /**
     * Deletes the pod. Storage refuses it if an inbox or a scoped domain still points at the pod, which surfaces as
     * PodNotEmptyException or PodHasDomainsException.
     */
    void remove(Pod pod);
}
