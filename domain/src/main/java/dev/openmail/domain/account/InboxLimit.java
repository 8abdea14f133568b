package dev.openmail.domain.account;

import dev.openmail.domain.common.InvalidInputException;

/** How many inboxes an account may hold at once, across all its pods. */
public record InboxLimit(int value) {

    public static final int MAX = 1_000_000;

    public InboxLimit {
        if (value < 0 || value > MAX) {
            throw new InvalidInputException("inboxLimit", "inboxLimit must be an integer from 0 to " + MAX + ".");
        }
    }
}
