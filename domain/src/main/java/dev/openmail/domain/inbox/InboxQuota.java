package dev.openmail.domain.inbox;

import dev.openmail.domain.account.InboxLimit;

/** How many inboxes an account holds against how many it may hold. */
public record InboxQuota(long inboxes, InboxLimit limit) {

    /** Refuses one more inbox when the account is at (or, after a lowered limit, above) its limit. */
    public void ensureRoomForOneMore() {
        if (inboxes >= limit.value()) {
            throw new InboxLimitReachedException(limit.value());
        }
    }
}
