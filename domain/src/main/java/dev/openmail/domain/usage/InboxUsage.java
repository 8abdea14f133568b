package dev.openmail.domain.usage;

import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.pod.PodId;

import java.util.Objects;

/** What an inbox has received, sent and holds; an inbox without mail yet has all three at zero. */
public record InboxUsage(InboxId inboxId, PodId podId, long inboundMessages, long outboundMessages,
                         long storedBytes) {

    public InboxUsage {
        Objects.requireNonNull(inboxId);
        Objects.requireNonNull(podId);
    }

    public static InboxUsage none(InboxId inboxId, PodId podId) {
        return new InboxUsage(inboxId, podId, 0, 0, 0);
    }
}
