package dev.openmail.domain.maildomain;

import dev.openmail.domain.common.DomainException;

public final class DomainTakenException extends DomainException {

    public DomainTakenException(DomainName name) {
        super("Domain " + name + " has already been added to this installation; a domain belongs to one account only.");
    }
}
