package dev.openmail.adapters.rest.json;

import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.InvalidInputException;
import io.micronaut.json.tree.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request body (or an object within one) that has been read and, for a closed body, checked against the fields its
 * endpoint accepts. Reading a field tells apart a field that is absent (leave unchanged), present as {@code null}
 * (clear), and present with a value.
 */
public final class JsonObject {

    private final JsonNode node;
    /** How errors name this object's fields: empty for a body, {@code attachments[0].} for an object within one. */
    private final String path;

    private JsonObject(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static JsonObject closed(JsonNode node, Set<String> allowedFields) {
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            if (!allowedFields.contains(entry.getKey())) {
                throw new InvalidInputException(entry.getKey(), "Unknown field '" + entry.getKey()
                        + "'; this endpoint accepts only " + String.join(", ", allowedFields.stream().sorted().toList()) + ".");
            }
        }
        return new JsonObject(node, "");
    }

    static JsonObject open(JsonNode node) {
        return new JsonObject(node, "");
    }

    /** An object within a body, its fields named in errors as {@code path} followed by the field's name. */
    static JsonObject open(JsonNode node, String path) {
        return new JsonObject(node, path);
    }

    /** A string-or-null field. */
    public Change<String> string(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Change.keep();
        }
        if (value.isNull()) {
            return Change.to(null);
        }
        if (!value.isString()) {
            throw new InvalidInputException(path + field, "Field '" + path + field + "' must be a string or null.");
        }
        return Change.to(value.getStringValue());
    }

    /** An integer-or-null field within {@code min..max}. */
    public Change<Integer> integer(String field, int min, int max) {
        return longInteger(field, min, max).map(Long::intValue);
    }

    /** A whole-number-or-null field within {@code min..max}, for values beyond an int (sizes in bytes). */
    public Change<Long> longInteger(String field, long min, long max) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Change.keep();
        }
        if (value.isNull()) {
            return Change.to(null);
        }
        String problem = "Field '" + path + field + "' must be an integer from " + min + " to " + max + ".";
        if (!value.isNumber()) {
            throw new InvalidInputException(path + field, problem);
        }
        BigDecimal number = value.getBigDecimalValue();
        if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0
                || number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new InvalidInputException(path + field, problem);
        }
        return Change.to(number.longValue());
    }

    /** A required boolean field: absent, null or anything but true and false is refused. */
    public boolean requiredBoolean(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw new InvalidInputException(path + field, "Field '" + path + field + "' is required and must be true or false.");
        }
        return value.getBooleanValue();
    }

    /** A boolean-or-null field. */
    public Change<Boolean> bool(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Change.keep();
        }
        if (value.isNull()) {
            return Change.to(null);
        }
        if (!value.isBoolean()) {
            throw new InvalidInputException(path + field, "Field '" + path + field + "' must be true, false or null.");
        }
        return Change.to(value.getBooleanValue());
    }

    /** An array-of-objects-or-null field; fields of the objects that nobody reads are ignored. */
    public Change<List<JsonObject>> objectList(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Change.keep();
        }
        if (value.isNull()) {
            return Change.to(null);
        }
        String problem = "Field '" + path + field + "' must be an array of objects.";
        if (!value.isArray()) {
            throw new InvalidInputException(path + field, problem);
        }
        List<JsonObject> objects = new ArrayList<>();
        for (JsonNode item : value.values()) {
            if (!item.isObject()) {
                throw new InvalidInputException(path + field, problem);
            }
            objects.add(new JsonObject(item, path + field + "[" + objects.size() + "]."));
        }
        return Change.to(List.copyOf(objects));
    }

    /** An array-of-strings-or-null field. */
    public Change<List<String>> stringList(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Change.keep();
        }
        if (value.isNull()) {
            return Change.to(null);
        }
        String problem = "Field '" + path + field + "' must be an array of strings.";
        if (!value.isArray()) {
            throw new InvalidInputException(path + field, problem);
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode item : value.values()) {
            if (!item.isString()) {
                throw new InvalidInputException(path + field, problem);
            }
            strings.add(item.getStringValue());
        }
        return Change.to(List.copyOf(strings));
    }
}
