package dev.openmail.adapters.rest.json;

import dev.openmail.domain.common.InvalidInputException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Reads request bodies. Bodies are parsed here rather than bound to classes by the framework so that every problem
 * (malformed JSON, a wrong type, an unknown field) is answered with a 400 that names the field.
 */
@Singleton
public final class JsonBodies {

    private final JsonMapper mapper;

    JsonBodies(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** The body as a JSON object; an empty body counts as {@code {}}. */
    public JsonObject object(String body, Set<String> allowedFields) {
        if (body == null || body.isBlank()) {
            return new JsonObject(JsonNode.createObjectNode(java.util.Map.of()), allowedFields);
        }
        JsonNode node;
        try {
            node = mapper.readValue(body.getBytes(StandardCharsets.UTF_8), Argument.of(JsonNode.class));
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("body", "The request body is not valid JSON; send a JSON object.");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("body", "The request body must be a JSON object.");
        }
        return new JsonObject(node, allowedFields);
    }
}
