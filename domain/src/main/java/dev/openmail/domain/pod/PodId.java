package dev.openmail.domain.pod;

import dev.openmail.domain.common.PrefixedId;

public record PodId(String value) {

    public static final String PREFIX = "pod_";

    public PodId {
        PrefixedId.require(PREFIX, value);
    }

    public static PodId generate() {
        return new PodId(PrefixedId.generate(PREFIX));
    }

    public static boolean isWellFormed(String value) {
        return PrefixedId.matches(PREFIX, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
