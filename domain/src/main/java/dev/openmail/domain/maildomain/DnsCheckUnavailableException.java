package dev.openmail.domain.maildomain;

import dev.openmail.domain.common.DomainException;

/** Verification could not ask DNS; nothing about the domain changed. */
public final class DnsCheckUnavailableException extends DomainException {

    public DnsCheckUnavailableException(DomainName name) {
        super("The DNS server could not be asked about " + name + " right now; nothing changed, try the verification again.");
    }
}
