package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.MailDomain;

public interface GetDomain {

    MailDomain get(Caller caller, DomainId domainId);
}
