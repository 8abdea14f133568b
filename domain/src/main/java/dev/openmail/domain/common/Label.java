package dev.openmail.domain.common;

/**
 * A human-readable name: up to {@value #MAX_CODE_POINTS} Unicode characters, emoji included. Text that is not valid
 * Unicode (a lone UTF-16 surrogate) is refused because no database could store it faithfully.
 */
public record Label(String value) {

    public static final int MAX_CODE_POINTS = 255;

    public Label {
        String problem = problemWith("label", value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Validates client input; {@code field} names the input in the error. */
    public static Label parse(String field, String value) {
        String problem = problemWith(field, value);
        if (problem != null) {
            throw new InvalidInputException(field, problem);
        }
        return new Label(value);
    }

    private static String problemWith(String field, String value) {
        if (value == null) {
            return field + " must be a string.";
        }
        if (!Text.isWellFormedUnicode(value)) {
            return field + " contains an unpaired UTF-16 surrogate; send valid Unicode text.";
        }
        int length = value.codePointCount(0, value.length());
        if (length > MAX_CODE_POINTS) {
            return field + " is " + length + " characters long; it may have at most " + MAX_CODE_POINTS + ".";
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
