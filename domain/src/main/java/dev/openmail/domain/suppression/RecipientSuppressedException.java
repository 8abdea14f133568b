package dev.openmail.domain.suppression;

import dev.openmail.domain.common.DomainException;

/** A send to an address the account suppresses; nothing was sent to anyone. */
public final class RecipientSuppressedException extends DomainException {

    private final String address;
    private final SuppressionType type;

    public RecipientSuppressedException(String address, SuppressionType type) {
        super(address + " is on this account's suppression list (" + type.wire() + "), so nothing was sent. "
                + switch (type) {
                    case BOUNCE -> "The address bounced: it does not exist or cannot take mail.";
                    case COMPLAINT -> "Its owner reported mail from this account as spam.";
                    case UNSUB -> "Its owner unsubscribed.";
                } + " Reach the recipient another way; only if you are sure it is wrong, remove the suppression.");
        this.address = address;
        this.type = type;
    }

    public String address() {
        return address;
    }

    public SuppressionType type() {
        return type;
    }
}
