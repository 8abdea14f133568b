package dev.openmail.adapters.rest.auth;

import io.micronaut.core.order.Ordered;

/** The request attribute under which the authentication filter leaves the {@code Caller} for the controllers. */
public final class CallerAttribute {

    public static final String NAME = "openmail.caller";
    /**
     * The order of the filter that sets the attribute. Filters without an order come last, in no set order among
     * themselves; a filter that reads the caller orders itself after this one.
     */
    public static final int FILTER_ORDER = Ordered.LOWEST_PRECEDENCE - 1;

    private CallerAttribute() {
    }
}
