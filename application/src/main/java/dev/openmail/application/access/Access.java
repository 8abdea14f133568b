package dev.openmail.application.access;

import dev.openmail.domain.access.AccessPolicy;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.access.Place;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.pod.PodId;

/**
 * The access check every use case makes for its caller. The rules themselves are the domain's {@link AccessPolicy};
 * this is where the application applies them. An architecture test fails for any use case taking a caller that never
 * calls in here.
 */
public final class Access {

    private Access() {
    }

    /** Refuses (403) unless the caller's key may do {@code action} to a resource at {@code place}. */
    public static void require(Caller caller, Action action, Place place) {
        AccessPolicy.check(caller.scope(), action, place);
    }

    /** Refuses (403) unless keys like the caller's may ever do {@code action}: for what is not inside any pod. */
    public static void requireKind(Caller caller, Action action) {
        AccessPolicy.checkKind(caller.scope(), action);
    }

    /** Which inboxes the caller may list when asking for one pod's (or, with null, all it may see). */
    public static AccessPolicy.InboxListing inboxListing(Caller caller, PodId requestedPodOrNull) {
        return AccessPolicy.inboxListing(caller.scope(), requestedPodOrNull);
    }

    /** The one pod the caller may list, or null for all of the account's. */
    public static PodId podListing(Caller caller) {
        return AccessPolicy.podListing(caller.scope());
    }
}
