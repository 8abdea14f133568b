package dev.openmail.adapters.persistence.jdbc;

import java.util.Arrays;
import java.util.List;

/**
 * A list of text values held in one column: NULL for none, else the values joined by line breaks. The lists stored so
 * (addresses, header values once unfolded) never hold a line break; a value that does is refused rather than stored
 * as two.
 */
final class ListColumns {

    private static final String SEPARATOR = "\n";

    private ListColumns() {
    }

    /** The column's text for {@code values}; {@code what} names one value in the refusal, e.g. "a recipient". */
    static String joined(List<String> values, String what) {
        if (values.isEmpty()) {
            return null;
        }
        for (String value : values) {
            if (value.contains(SEPARATOR)) {
                throw new IllegalArgumentException(what + " holds a line break: " + value);
            }
        }
        return String.join(SEPARATOR, values);
    }

    static List<String> split(String column) {
        return column == null ? List.of() : Arrays.asList(column.split(SEPARATOR, -1));
    }
}
