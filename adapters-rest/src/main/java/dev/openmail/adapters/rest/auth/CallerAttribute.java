package dev.openmail.adapters.rest.auth;

/** The request attribute under which the authentication filter leaves the {@code Caller} for the controllers. */
public final class CallerAttribute {

    public static final String NAME = "openmail.caller";

    private CallerAttribute() {
    }
}
