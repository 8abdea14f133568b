package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodRef;

import java.util.Optional;

public interface LoadPods {

    Optional<Pod> find(AccountId accountId, PodRef ref);

    /**
     * Like {@link #find}, and holds the pod against concurrent changes until the transaction ends, so that nothing
     * can be added to it between the emptiness check and its removal.
     */
    Optional<Pod> findForRemoval(AccountId accountId, PodRef ref);

    /** The default pod first, then oldest first, id as tie-break. */
    Page<Pod> list(AccountId accountId, PageRequest page);
}
