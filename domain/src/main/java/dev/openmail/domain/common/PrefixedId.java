package dev.openmail.domain.common;

import java.util.function.Function;

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

    /**
     * Reads an id named in a URL path. Text that cannot be such an id names nothing, so it is not found, exactly as
     * a well-formed id that names nothing is; each id type offers this as its {@code fromPath}.
     */
    public static <I> I fromPath(String prefix, String text, Function<String, I> id,
                                 Function<String, NotFoundException> notFound) {
        if (!matches(prefix, text)) {
            throw notFound.apply(text);
        }
        return id.apply(text);
    }
}
