package dev.openmail.domain.inbox;

import dev.openmail.domain.common.DomainException;

public final class InboxLimitReachedException extends DomainException {

    public InboxLimitReachedException(int limit) {
        super("This account already has its limit of " + limit + " inboxes; delete one or ask the operator to raise the limit.");
    }
}
