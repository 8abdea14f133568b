package dev.openmail.domain.apikey;

import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.pod.PodRef;

import java.util.Objects;

/** Whose keys a request is about: the account's own (account-wide) keys, one pod's keys, or one inbox's keys. */
public sealed interface KeyHolder {

    KeyHolder ACCOUNT = new Account();

    static KeyHolder pod(PodRef pod) {
        return new Pod(pod);
    }

    static KeyHolder inbox(InboxId inbox) {
        return new Inbox(inbox);
    }

    record Account() implements KeyHolder {
    }

    record Pod(PodRef pod) implements KeyHolder {
        public Pod {
            Objects.requireNonNull(pod);
        }
    }

    record Inbox(InboxId inbox) implements KeyHolder {
        public Inbox {
            Objects.requireNonNull(inbox);
        }
    }
}
