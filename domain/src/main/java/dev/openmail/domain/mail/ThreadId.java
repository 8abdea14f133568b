package dev.openmail.domain.mail;

import dev.openmail.domain.common.PrefixedId;

public record ThreadId(String value) {

    public static final String PREFIX = "thr_";

    public ThreadId {
        PrefixedId.require(PREFIX, value);
    }

    public static ThreadId generate() {
        return new ThreadId(PrefixedId.generate(PREFIX));
    }

    public static boolean isWellFormed(String value) {
        return PrefixedId.matches(PREFIX, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
