package dev.openmail.domain.senderrule;

import dev.openmail.domain.common.DomainException;

/** A sender rule or filter mode that cannot be: a bad type, mode or value; the message says which. */
public final class InvalidSenderRuleException extends DomainException {

    public InvalidSenderRuleException(String message) {
        super(message);
    }
}
