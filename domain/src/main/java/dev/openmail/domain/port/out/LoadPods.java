package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodRef;

import java.util.Optional;

public interface LoadPods {

    Optional<Pod> find(AccountId accountId, PodRef ref);

    /** The account's default pod (every account has one), held like {@link #findForUpdate}. */
    Pod findDefaultForUpdate(AccountId accountId);

    /**
     * Like {@link #find}, and holds the pod until the transaction ends: while one transaction checks that a pod is
     * empty and removes it, no other can add an inbox or a domain to it or change it, and the other way round.
     */
    Optional<Pod> findForUpdate(AccountId accountId, PodRef ref);

    /** The default pod first, then oldest first, id as tie-break. */
    Page<Pod> list(AccountId accountId, PageRequest page);
}
