package dev.openmail.domain.mail;

import dev.openmail.domain.common.InvalidInputException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A plain address (local@domain) as a sender writes it into To, Cc or Reply-To: no display name, no comments, nothing
 * that could break out of a header line. Kept in lower case.
 */
public final class MailAddress {

    private static final Pattern SHAPE = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private MailAddress() {
    }

    /** The address in lower case; refuses (400 naming {@code field}) anything that is not one plain address. */
    public static String parse(String field, String text) {
        if (text == null || text.length() > 254 || !SHAPE.matcher(text).matches()
                || text.startsWith(".") || text.contains("..") || text.indexOf('@') != text.lastIndexOf('@')
                || text.substring(0, text.indexOf('@')).endsWith(".")) {
            throw new InvalidInputException(field, "Field '" + field + "' must be one email address such as "
                    + "name@example.com, without a display name.");
        }
        return text.toLowerCase(Locale.ROOT);
    }
}
