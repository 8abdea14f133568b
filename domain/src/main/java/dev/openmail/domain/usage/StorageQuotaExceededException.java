package dev.openmail.domain.usage;

import dev.openmail.domain.common.DomainException;

/** A send that would take an inbox or its account over its storage quota. */
public final class StorageQuotaExceededException extends DomainException {

    public StorageQuotaExceededException(String whose) {
        super("The storage quota of " + whose + " is used up; delete inboxes you no longer need or ask the operator to "
                + "raise the quota, then send again.");
    }
}
