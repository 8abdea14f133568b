package dev.openmail.domain.senderrule;

import dev.openmail.domain.common.DomainException;

/** The same rule (type and value) already exists at the same level (the account, or the same pod). */
public final class SenderRuleExistsException extends DomainException {

    public SenderRuleExistsException(SenderRuleType type, String value) {
        super("A " + type.wire() + " rule for " + value + " already exists here.");
    }
}
