package dev.openmail.domain.inbox;

import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.common.Text;

/** The sender name shown in the From header: up to 200 characters, and no line breaks, which would forge headers. */
public record DisplayName(String value) {

    public static final int MAX_CODE_POINTS = 200;

    public DisplayName {
        String problem = problemWith(value);
        if (problem != null) {
            throw new InvalidInputException("displayName", problem);
        }
    }

    private static String problemWith(String value) {
        if (value == null) {
            return "displayName must be a string.";
        }
        if (!Text.isWellFormedUnicode(value)) {
            return "displayName contains an unpaired UTF-16 surrogate; send valid Unicode text.";
        }
        if (value.codePointCount(0, value.length()) > MAX_CODE_POINTS) {
            return "displayName may have at most " + MAX_CODE_POINTS + " characters.";
        }
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            return "displayName may not contain line breaks or NUL characters.";
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
