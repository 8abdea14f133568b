package dev.openmail.domain.maildomain;

import dev.openmail.domain.common.DomainException;

/** An account that already holds as many never-verified domains as it may. */
public final class PendingDomainLimitReachedException extends DomainException {

    public PendingDomainLimitReachedException(int limit) {
        super("This account already has " + limit + " domains that were never verified, the most it may hold; verify"
                + " or delete one before adding another. A domain not verified within the pending period is removed"
                + " by the server.");
    }
}
