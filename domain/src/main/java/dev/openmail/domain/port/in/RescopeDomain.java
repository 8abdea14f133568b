package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.pod.PodRef;

public interface RescopeDomain {

    /** Scopes the domain to {@code podOrNull}, or makes it account-wide when null. */
    MailDomain rescope(Caller caller, DomainId domainId, PodRef podOrNull);
}
