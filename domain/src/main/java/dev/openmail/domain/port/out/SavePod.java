package dev.openmail.domain.port.out;

import dev.openmail.domain.pod.Pod;

public interface SavePod {

    /** Throws ClientIdTakenException when another pod of the account has the pod's client id. */
    void insert(Pod pod);

    /** False when the pod no longer exists; throws ClientIdTakenException like {@link #insert}. */
    boolean update(Pod pod);
}
