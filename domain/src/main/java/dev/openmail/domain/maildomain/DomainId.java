package dev.openmail.domain.maildomain;

import dev.openmail.domain.common.PrefixedId;

public record DomainId(String value) {

    public static final String PREFIX = "dom_";

    public DomainId {
        PrefixedId.require(PREFIX, value);
    }

    public static DomainId generate() {
        return new DomainId(PrefixedId.generate(PREFIX));
    }

    public static boolean isWellFormed(String value) {
        return PrefixedId.matches(PREFIX, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
