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

    @Override
    public String toString() {
        return value;
    }
}
