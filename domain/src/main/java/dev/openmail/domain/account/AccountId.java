package dev.openmail.domain.account;

import dev.openmail.domain.common.PrefixedId;

public record AccountId(String value) {

    public static final String PREFIX = "acc_";

    public AccountId {
        PrefixedId.require(PREFIX, value);
    }

    public static AccountId generate() {
        return new AccountId(PrefixedId.generate(PREFIX));
    }

    public static boolean isWellFormed(String value) {
        return PrefixedId.matches(PREFIX, value);
    }

    /** Reads the id of an account named in a URL path: text that cannot be one is not found. */
    public static AccountId fromPath(String text) {
        return PrefixedId.fromPath(PREFIX, text, AccountId::new, Account::notFound);
    }

    @Override
    public String toString() {
        return value;
    }
}
