package dev.openmail.domain.apikey;

import dev.openmail.domain.common.DomainException;

/** Revoking the account's only account-wide key would leave nobody able to manage the account. */
public final class LastAccountKeyException extends DomainException {

    public LastAccountKeyException() {
        super("This is the account's last account-wide key; mint a new one first, then revoke this one.");
    }
}
