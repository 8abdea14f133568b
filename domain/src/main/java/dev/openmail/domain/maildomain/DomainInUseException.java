package dev.openmail.domain.maildomain;

import dev.openmail.domain.common.DomainException;

public final class DomainInUseException extends DomainException {

    public DomainInUseException(MailDomain domain) {
        super("Domain " + domain.name() + " has inboxes in other pods, so it cannot be scoped to that pod; delete those"
                + " inboxes first or keep the domain account-wide.");
    }
}
