package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.suppression.Suppression;
import dev.openmail.domain.suppression.SuppressionType;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** Accounts' suppression lists, one row per account and address. Every method runs in the caller's transaction. */
public interface Suppressions {

    /**
     * Newest first (then by address). With {@code visibleToPodOrNull}, only that pod's and the account's own
     * (pod-less) rows; with {@code typeOrNull}, only that type.
     */
    Page<Suppression> page(AccountId accountId, PodId visibleToPodOrNull, SuppressionType typeOrNull,
                           PageRequest page);

    Optional<Suppression> find(AccountId accountId, String address);

    /** Stores the row unless the account suppresses the address already; true when stored. */
    boolean insertIfAbsent(Suppression suppression);

    boolean remove(AccountId accountId, String address);

    /** The first of {@code addresses} (normalized) the account suppresses, in their order. */
    Optional<Suppression> firstOf(AccountId accountId, Collection<String> addresses);

    /**
     * Counts one more soft bounce (a temporary failure reported back) for the address and answers the account's count
     * for it so far.
     */
    int countSoftBounce(AccountId accountId, String address, Instant at);
}
