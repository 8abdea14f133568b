package dev.openmail.adapters.rest.mcp;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MCP tools each kind of key sees, by name and title, for pages that describe the server (the skill file).
 * Reading them loads none of the MCP SDK: the tools are this adapter's own records until a server is built.
 */
@Singleton
public final class McpToolNames {

    private final MailTools tools;

    McpToolNames(MailTools tools) {
        this.tools = tools;
    }

    /** "account", "pod" and "inbox", each with its tools as {name, title}, in the order a client lists them. */
    public Map<String, List<String[]>> byKindOfKey() {
        Map<String, List<String[]>> byKind = new LinkedHashMap<>();
        for (KeyKind kind : KeyKind.values()) {
            List<String[]> named = new ArrayList<>();
            tools.forKind(kind).forEach(tool -> named.add(new String[]{tool.name(), tool.title()}));
            byKind.put(kind.name().toLowerCase(java.util.Locale.ROOT), named);
        }
        return byKind;
    }
}
