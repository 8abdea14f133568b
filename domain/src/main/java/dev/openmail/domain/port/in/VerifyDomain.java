package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.MailDomain;

public interface VerifyDomain {

    /** Checks the domain's records in DNS now and returns the domain as it then stands. */
    MailDomain verify(Caller caller, DomainId domainId);
}
