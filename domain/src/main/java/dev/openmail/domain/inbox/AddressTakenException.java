package dev.openmail.domain.inbox;

import dev.openmail.domain.common.DomainException;

public final class AddressTakenException extends DomainException {

    public AddressTakenException(EmailAddress address) {
        super("The address " + address + " is already in use; choose another mailboxName.");
    }
}
