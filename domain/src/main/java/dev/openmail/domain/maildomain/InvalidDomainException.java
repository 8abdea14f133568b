package dev.openmail.domain.maildomain;

import dev.openmail.domain.common.DomainException;

/** A domain named for an inbox that the inbox may not use; the message says which condition failed. */
public final class InvalidDomainException extends DomainException {

    public InvalidDomainException(String message) {
        super(message);
    }

    public static InvalidDomainException notOfThisAccount(DomainName name) {
        return new InvalidDomainException("Domain " + name + " is not a domain of this account; add it with POST"
                + " /v1/domains and verify it first.");
    }
}
