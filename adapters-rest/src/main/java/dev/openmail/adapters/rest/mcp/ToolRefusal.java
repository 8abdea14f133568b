package dev.openmail.adapters.rest.mcp;

/**
 * A tool call this adapter refuses on its own, not a use case: it becomes a tool error with the API's code for the
 * same refusal over HTTP.
 */
final class ToolRefusal extends RuntimeException {

    private final String code;

    ToolRefusal(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
