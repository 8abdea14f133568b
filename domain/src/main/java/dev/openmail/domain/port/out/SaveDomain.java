package dev.openmail.domain.port.out;

import dev.openmail.domain.maildomain.MailDomain;

public interface SaveDomain {

    /** Throws DomainTakenException when any account already has the name, PodGoneException when its pod is gone. */
    void insert(MailDomain domain);

    /** False when the domain no longer exists; throws PodGoneException when the new scope's pod is gone. */
    boolean update(MailDomain domain);

    /** Throws DomainHasInboxesException when an inbox still uses the domain; false when there was no such domain. */
    boolean remove(MailDomain domain);
}
