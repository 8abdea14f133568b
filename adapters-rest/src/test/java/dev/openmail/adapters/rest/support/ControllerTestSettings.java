package dev.openmail.adapters.rest.support;

/** Settings shared by the controller tests' application contexts. */
public final class ControllerTestSettings {

    /** The operator token configured as {@code openmail.admin-token}. */
    public static final String ADMIN_TOKEN = "test-admin-token-7f3a9c";

    /** Small, so that a 413 costs a 70 KB request rather than a megabyte. */
    public static final String MAX_REQUEST_SIZE = "64KB";

    private ControllerTestSettings() {
    }
}
