package dev.openmail.domain.maildomain;

import java.util.Objects;

/**
 * The domain this installation gives every account's inboxes when they name no custom domain. It belongs to the
 * installation: no account may claim it, or any name below it, as a custom domain.
 */
public record InstallationDomain(DomainName name) {

    public InstallationDomain {
        Objects.requireNonNull(name);
    }

    /** True when an inbox asking for {@code requestedOrNull} gets an address on this domain rather than a custom one. */
    public boolean serves(DomainName requestedOrNull) {
        return requestedOrNull == null || requestedOrNull.equals(name);
    }

    /** Refuses a custom domain that is this domain or lies below it. */
    public void ensureClaimable(DomainName candidate) {
        if (candidate.isWithin(name)) {
            throw new DomainTakenException(candidate);
        }
    }
}
