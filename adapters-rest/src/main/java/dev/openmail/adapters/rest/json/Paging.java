package dev.openmail.adapters.rest.json;

import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.common.PageRequest;

/** Reads {@code ?limit} and {@code ?offset}. */
public final class Paging {

    private Paging() {
    }

    public static PageRequest parse(String limit, String offset) {
        return parse(limit, offset, PageRequest.DEFAULT_LIMIT);
    }

    /** With a default limit of this list's own (still clamped like any limit). */
    public static PageRequest parse(String limit, String offset, int defaultLimit) {
        // PageRequest clamps the limit; anything beyond the int range clamps the same way.
        int parsedLimit = limit == null ? defaultLimit
                : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, parseInteger("limit", limit)));
        long parsedOffset = offset == null ? 0 : parseInteger("offset", offset);
        return new PageRequest(parsedLimit, parsedOffset);
    }

    private static long parseInteger(String name, String text) {
        String digits = text.trim();
        if (!digits.matches("[+-]?[0-9]+")) {
            throw new InvalidInputException(name, name + " must be an integer.");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLong) {
            return digits.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
