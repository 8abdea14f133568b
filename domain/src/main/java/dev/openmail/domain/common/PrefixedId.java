package dev.openmail.domain.common;

/** Shared rules of the typed ids: a type prefix such as {@code pod_} followed by a time-ordered body. */
public final class PrefixedId {

    private PrefixedId() {
    }

    public static String generate(String prefix) {
        return prefix + TimeOrderedIds.next();
    }

    /** True when {@code value} is {@code prefix} followed by a well-formed body. */
    public static boolean matches(String prefix, String value) {
        return value != null && value.startsWith(prefix) && TimeOrderedIds.isWellFormed(value.substring(prefix.length()));
    }

    public static String require(String prefix, String value) {
        if (!matches(prefix, value)) {
            throw new IllegalArgumentException("not a " + prefix + " id: " + value);
        }
        return value;
    }
}
