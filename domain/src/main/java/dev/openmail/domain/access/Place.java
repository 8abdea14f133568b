package dev.openmail.domain.access;

import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.pod.PodId;

import java.util.Objects;

/**
 * Where a resource sits inside its account, as far as keys care: account level (pods themselves, domains, account
 * keys), inside one pod, or inside one inbox (which is inside its pod).
 */
public record Place(PodId podOrNull, InboxId inboxOrNull) {

    public static final Place ACCOUNT = new Place(null, null);

    public Place {
        if (inboxOrNull != null) {
            Objects.requireNonNull(podOrNull, "an inbox always sits in a pod");
        }
    }

    public static Place pod(PodId pod) {
        return new Place(Objects.requireNonNull(pod), null);
    }

    public static Place inbox(PodId pod, InboxId inbox) {
        return new Place(pod, Objects.requireNonNull(inbox));
    }
}
