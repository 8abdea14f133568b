package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.maildomain.DomainId;

public interface DeleteDomain {

    void delete(Caller caller, DomainId domainId);
}
