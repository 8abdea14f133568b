package dev.openmail.domain.pod;

import dev.openmail.domain.common.InvalidInputException;

/**
 * The client's own name for a pod: 1 to 255 characters of {@code A-Z a-z 0-9 . _ - : @}, compared case-sensitively.
 * It may not start with the pod id prefix, so that a path segment is always either an id or a client id.
 */
public record ClientId(String value) {

    public static final int MAX_LENGTH = 255;

    public ClientId {
        String problem = problemWith(value);
        if (problem != null) {
            throw new InvalidInputException("clientId", problem);
        }
    }

    /** Null when {@code value} is a valid client id, else what is wrong with it. */
    public static String problemWith(String value) {
        if (value == null) {
            return "clientId must be a string.";
        }
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            return "clientId must be 1 to " + MAX_LENGTH + " characters long.";
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isAllowed(value.charAt(i))) {
                return "clientId may only contain letters A-Z a-z, digits and . _ - : @";
            }
        }
        if (value.startsWith(PodId.PREFIX)) {
            return "clientId may not start with '" + PodId.PREFIX + "', which marks pod ids.";
        }
        return null;
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-' || c == ':' || c == '@';
    }

    @Override
    public String toString() {
        return value;
    }
}
