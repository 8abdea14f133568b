package dev.openmail.domain.maildomain;

import dev.openmail.domain.common.DomainException;

public final class DomainHasInboxesException extends DomainException {

    public DomainHasInboxesException(MailDomain domain) {
        super("Domain " + domain.name() + " still has inboxes; delete them before deleting the domain.");
    }
}
