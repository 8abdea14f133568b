package dev.openmail.adapters.rest.mcp;

import dev.openmail.domain.apikey.Caller;

/**
 * One tool as an agent sees it: its name, what it does (written for a model to choose and call it correctly), the
 * arguments it takes, and what runs it. The handler answers the result's JSON (the REST API's view of it) and throws
 * the domain's failures, which become tool errors.
 *
 * @param readOnly whether the tool changes nothing (a hint to the client, which may then call it without asking)
 */
record McpTool(String name, String title, String description, ToolSchema schema, boolean readOnly, Handler handler) {

    @FunctionalInterface
    interface Handler {
        String call(Caller caller, ToolArguments arguments);
    }
}
