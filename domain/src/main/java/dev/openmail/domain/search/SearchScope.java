package dev.openmail.domain.search;

import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.pod.PodId;

/** Where a search looks inside one account: everywhere, one pod's inboxes, or one inbox. */
public record SearchScope(PodId podOrNull, InboxId inboxOrNull) {

    public static final SearchScope WHOLE_ACCOUNT = new SearchScope(null, null);

    public static SearchScope inbox(InboxId inbox) {
        return new SearchScope(null, inbox);
    }

    /** What a key reaches: an inbox key its inbox, a pod key its pod, an account-wide key the account. */
    public static SearchScope reachOf(KeyScope scope) {
        if (scope.inboxOrNull() != null) {
            return inbox(scope.inboxOrNull());
        }
        return scope.podOrNull() == null ? WHOLE_ACCOUNT : new SearchScope(scope.podOrNull(), null);
    }
}
