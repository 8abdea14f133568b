package dev.openmail.adapters.rest.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tool's input schema (JSON Schema, as MCP wants it): an object of named properties, some required, no others.
 * Immutable: each {@code with...} gives a new schema, so that the tools for each kind of key share the common parts.
 */
final class ToolSchema {

    private final Map<String, Map<String, Object>> properties;
    private final List<String> required;

    private ToolSchema(Map<String, Map<String, Object>> properties, List<String> required) {
        this.properties = properties;
        this.required = required;
    }

    static ToolSchema none() {
        return new ToolSchema(new LinkedHashMap<>(), List.of());
    }

    ToolSchema string(String name, String description, boolean isRequired) {
        return with(name, property("string", description), isRequired);
    }

    ToolSchema string(String name, String description, boolean isRequired, int maxLength) {
        Map<String, Object> property = property("string", description);
        property.put("minLength", 1);
        property.put("maxLength", maxLength);
        return with(name, property, isRequired);
    }

    ToolSchema bool(String name, String description, boolean absent) {
        Map<String, Object> property = property("boolean", description);
        property.put("default", absent);
        return with(name, property, false);
    }

    ToolSchema integer(String name, String description, long min, long max, long absent) {
        Map<String, Object> property = property("integer", description);
        property.put("minimum", min);
        property.put("maximum", max);
        property.put("default", absent);
        return with(name, property, false);
    }

    ToolSchema strings(String name, String description, int maxItems) {
        Map<String, Object> property = property("array", description);
        property.put("items", Map.of("type", "string"));
        property.put("maxItems", maxItems);
        return with(name, property, false);
    }

    /** The names the tool takes. */
    Set<String> names() {
        return properties.keySet();
    }

    Map<String, Object> toMap() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private ToolSchema with(String name, Map<String, Object> property, boolean isRequired) {
        Map<String, Map<String, Object>> more = new LinkedHashMap<>(properties);
        more.put(name, property);
        List<String> requiredNow = new ArrayList<>(required);
        if (isRequired) {
            requiredNow.add(name);
        }
        return new ToolSchema(more, List.copyOf(requiredNow));
    }

    private static Map<String, Object> property(String type, String description) {
        Map<String, Object> property = new LinkedHashMap<>();
        property.put("type", type);
        property.put("description", description);
        return property;
    }
}
