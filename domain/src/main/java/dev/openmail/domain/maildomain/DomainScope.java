package dev.openmail.domain.maildomain;

import dev.openmail.domain.pod.PodId;

import java.util.Objects;
import java.util.Set;

/**
 * Which pods may put inboxes on a domain: every pod of the account, or exactly one. There is nothing in between: a
 * domain is never shared by some pods but not others.
 */
public sealed interface DomainScope {

    DomainScope ACCOUNT_WIDE = new AccountWide();

    static DomainScope of(PodId podOrNull) {
        return podOrNull == null ? ACCOUNT_WIDE : new PodScoped(podOrNull);
    }

    /** True when an inbox in {@code pod} may use a domain of this scope. */
    boolean allows(PodId pod);

    /** True when every inbox already on the domain, in the given pods, would still be allowed under this scope. */
    default boolean coversAll(Set<PodId> podsWithInboxes) {
        return podsWithInboxes.stream().allMatch(this::allows);
    }

    /** The pod of a pod-scoped domain, else null. */
    PodId podOrNull();

    record AccountWide() implements DomainScope {
        @Override
        public boolean allows(PodId pod) {
            return true;
        }

        @Override
        public PodId podOrNull() {
            return null;
        }
    }

    record PodScoped(PodId pod) implements DomainScope {
        public PodScoped {
            Objects.requireNonNull(pod);
        }

        @Override
        public boolean allows(PodId candidate) {
            return pod.equals(candidate);
        }

        @Override
        public PodId podOrNull() {
            return pod;
        }
    }
}
