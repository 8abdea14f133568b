package dev.openmail.domain.maildomain;

import dev.openmail.domain.common.DomainException;

/** A domain named for an inbox that the inbox may not use; the message says which condition failed. */
public final class InvalidDomainException extends DomainException {

    /** What would make the domain usable, for an adapter to say how it is done there. */
    public enum Remedy {
        NONE, ADD_AND_VERIFY, VERIFY
    }

    private final Remedy remedy;
    private final DomainId domainIdOrNull;

    public InvalidDomainException(String message) {
        this(message, Remedy.NONE, null);
    }

    private InvalidDomainException(String message, Remedy remedy, DomainId domainIdOrNull) {
        super(message);
        this.remedy = remedy;
        this.domainIdOrNull = domainIdOrNull;
    }

    public static InvalidDomainException notOfThisAccount(DomainName name) {
        return new InvalidDomainException("Domain " + name + " is not a domain of this account; add it and verify it"
                + " first.", Remedy.ADD_AND_VERIFY, null);
    }

    public static InvalidDomainException notVerified(DomainName name, DomainId id) {
        return new InvalidDomainException("Domain " + name + " is not verified yet; publish its DNS records and verify"
                + " it.", Remedy.VERIFY, id);
    }

    public Remedy remedy() {
        return remedy;
    }

    /** The domain to verify when the remedy is {@link Remedy#VERIFY}; null otherwise. */
    public DomainId domainIdOrNull() {
        return domainIdOrNull;
    }
}
