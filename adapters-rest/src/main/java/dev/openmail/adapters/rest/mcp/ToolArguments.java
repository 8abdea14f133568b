package dev.openmail.adapters.rest.mcp;

import dev.openmail.domain.common.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tool call's arguments, read by name and type. A wrong type, a value out of bounds or a name the tool does not take
 * is the API's {@code bad_request}, naming the argument, so that a model can correct its call.
 */
final class ToolArguments {

    private final String tool;
    private final Map<String, Object> values;

    ToolArguments(String tool, Map<String, Object> values, Set<String> allowed) {
        this.tool = tool;
        this.values = values == null ? Map.of() : values;
        for (String name : this.values.keySet()) {
            if (!allowed.contains(name)) {
                throw new InvalidInputException(name, "Tool " + tool + " takes no argument '" + name + "'; it takes "
                        + (allowed.isEmpty() ? "none" : String.join(", ", allowed.stream().sorted().toList())) + ".");
            }
        }
    }

    String optionalString(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return text;
        }
        throw new InvalidInputException(name, "Argument '" + name + "' of " + tool + " must be a string.");
    }

    String requiredString(String name) {
        String value = optionalString(name);
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(name, "Argument '" + name + "' of " + tool + " is required.");
        }
        return value;
    }

    boolean bool(String name, boolean absent) {
        Object value = values.get(name);
        if (value == null) {
            return absent;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw new InvalidInputException(name, "Argument '" + name + "' of " + tool + " must be true or false.");
    }

    /** A whole number within {@code min..max}; {@code absent} when not given. */
    long integer(String name, long min, long max, long absent) {
        Object value = values.get(name);
        if (value == null) {
            return absent;
        }
        long number;
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            number = ((Number) value).longValue();
        } else if (value instanceof Number decimal && decimal.doubleValue() == Math.rint(decimal.doubleValue())
                && Math.abs(decimal.doubleValue()) < 1e15) {
            number = decimal.longValue();
        } else {
            throw new InvalidInputException(name, "Argument '" + name + "' of " + tool + " must be a whole number.");
        }
        if (number < min || number > max) {
            throw new InvalidInputException(name, "Argument '" + name + "' of " + tool + " must be " + min + " to "
                    + max + ".");
        }
        return number;
    }

    List<String> strings(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            List<String> texts = new ArrayList<>(list.size());
            for (Object item : list) {
                if (!(item instanceof String text)) {
                    throw new InvalidInputException(name, "Argument '" + name + "' of " + tool
                            + " must be a list of strings.");
                }
                texts.add(text);
            }
            return texts;
        }
        throw new InvalidInputException(name, "Argument '" + name + "' of " + tool + " must be a list of strings.");
    }
}
