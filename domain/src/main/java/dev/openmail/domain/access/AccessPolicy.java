package dev.openmail.domain.access;

import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.pod.PodId;

import java.util.Objects;

/**
 * What each kind of key may do to which resource. Every use case asks here, through the application's access guard,
 * before it reads or changes anything; nothing else decides.
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    /** Refuses unless a key of {@code scope} may do {@code action} to a resource at {@code place}. */
    public static void check(KeyScope scope, Action action, Place place) {
        checkKind(scope, action);
        if (!within(scope, place)) {
            // The refusal names the key's own boundary only: a pod key must not learn other pods' ids from it.
            throw new ForbiddenException("This key is confined to " + scope.boundary() + "; the "
                    + (place.inboxOrNull() != null ? "inbox" : place.podOrNull() != null ? "pod" : "resource")
                    + " asked for is outside it. Use a key of that "
                    + (place.inboxOrNull() != null ? "inbox" : "pod") + " or an account-wide key.");
        }
    }

    /** Whether a key of {@code scope} may do {@code action} to a resource at {@code place}; refuses nothing. */
    public static boolean allows(KeyScope scope, Action action, Place place) {
        return kindMay(scope, action) && within(scope, place);
    }

    /** Refuses unless keys of this kind may ever do {@code action}, wherever the resource is. */
    public static void checkKind(KeyScope scope, Action action) {
        if (!kindMay(scope, action)) {
            throw new ForbiddenException("This key is confined to " + scope.boundary() + " and cannot "
                    + action.description() + "; use " + (action.reach() == Action.Reach.ACCOUNT
                    ? "an account-wide key." : "a key of the pod or an account-wide key."));
        }
    }

    /** The one pod a key may list, or null when it may list them all. */
    public static PodId podListing(KeyScope scope) {
        checkKind(scope, Action.READ_PODS);
        return scope.podOrNull();
    }

    /**
     * Which inboxes a key may list when it asks for {@code requestedPodOrNull}'s (null: all it may see). A pod outside
     * the key's boundary is refused; inside it, an inbox key still sees only its own inbox.
     */
    public static InboxListing inboxListing(KeyScope scope, PodId requestedPodOrNull) {
        checkKind(scope, Action.READ_INBOXES);
        PodId boundaryPod = scope.podOrNull();
        if (requestedPodOrNull != null && boundaryPod != null && !boundaryPod.equals(requestedPodOrNull)) {
            throw new ForbiddenException("This key is confined to " + scope.boundary()
                    + "; the pod asked for is outside it. Leave out podId, or use an account-wide key.");
        }
        return new InboxListing(requestedPodOrNull != null ? requestedPodOrNull : boundaryPod, scope.inboxOrNull());
    }

    /** A listing's filter: one pod's inboxes, or one inbox, or (both null) all of the account's. */
    public record InboxListing(PodId podOrNull, InboxId inboxOrNull) {
    }

    private static boolean kindMay(KeyScope scope, Action action) {
        if (scope instanceof KeyScope.InboxOnly) {
            return action.reach() == Action.Reach.INBOX;
        }
        if (scope instanceof KeyScope.PodOnly) {
            return action.reach() != Action.Reach.ACCOUNT;
        }
        return true;
    }

    private static boolean within(KeyScope scope, Place place) {
        Objects.requireNonNull(place);
        if (scope instanceof KeyScope.InboxOnly inbox) {
            return inbox.inbox().equals(place.inboxOrNull());
        }
        if (scope instanceof KeyScope.PodOnly pod) {
            return pod.pod().equals(place.podOrNull());
        }
        return true;
    }
}
