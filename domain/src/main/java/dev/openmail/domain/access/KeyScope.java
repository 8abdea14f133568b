package dev.openmail.domain.access;

import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.pod.PodId;

import java.util.Objects;

/**
 * How far an API key reaches inside its account: everywhere, one pod, or one inbox. What each kind may do is stated
 * once, in {@link Action} and {@link AccessPolicy}.
 */
public sealed interface KeyScope {

    KeyScope ACCOUNT_WIDE = new AccountWide();

    /** The pod the key is confined to (an inbox key's is its inbox's pod); null for an account-wide key. */
    PodId podOrNull();

    /** The inbox the key is confined to; null unless it is an inbox key. */
    InboxId inboxOrNull();

    /** The boundary in words, as refusals name it: "pod pod_…" or "inbox inb_…". */
    String boundary();

    static KeyScope pod(PodId pod) {
        return new PodOnly(pod);
    }

    static KeyScope inbox(PodId pod, InboxId inbox) {
        return new InboxOnly(pod, inbox);
    }

    /** Rebuilds a scope from its stored parts: nothing, a pod, or a pod and one of its inboxes. */
    static KeyScope of(PodId podOrNull, InboxId inboxOrNull) {
        if (inboxOrNull != null) {
            return inbox(podOrNull, inboxOrNull);
        }
        return podOrNull == null ? ACCOUNT_WIDE : pod(podOrNull);
    }

    record AccountWide() implements KeyScope {
        @Override
        public PodId podOrNull() {
            return null;
        }

        @Override
        public InboxId inboxOrNull() {
            return null;
        }

        @Override
        public String boundary() {
            return "the whole account";
        }
    }

    record PodOnly(PodId pod) implements KeyScope {
        public PodOnly {
            Objects.requireNonNull(pod);
        }

        @Override
        public PodId podOrNull() {
            return pod;
        }

        @Override
        public InboxId inboxOrNull() {
            return null;
        }

        @Override
        public String boundary() {
            return "pod " + pod.value();
        }
    }

    record InboxOnly(PodId pod, InboxId inbox) implements KeyScope {
        public InboxOnly {
            Objects.requireNonNull(pod, "an inbox key also names the inbox's pod");
            Objects.requireNonNull(inbox);
        }

        @Override
        public PodId podOrNull() {
            return pod;
        }

        @Override
        public InboxId inboxOrNull() {
            return inbox;
        }

        @Override
        public String boundary() {
            return "inbox " + inbox.value();
        }
    }
}
