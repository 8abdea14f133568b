package dev.openmail.adapters.mime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the header-like text of a report part ({@code message/delivery-status}, {@code message/feedback-report}, the
 * header of a returned message): groups of fields separated by empty lines, field lines folded onto the next ones,
 * names case-insensitive. One pass over the characters, no regular expression; the values helpers below take apart
 * what RFC 3464, RFC 6533 and RFC 5965 put in the fields, and answer null for anything they cannot read.
 */
final class ReportFields {

    /** Address types whose value is an email address (RFC 3464 {@code rfc822}, RFC 6533 {@code utf-8}). */
    private static final Set<String> MAIL_ADDRESS_TYPES = Set.of("rfc822", "utf-8");
    private static final int MAX_ADDRESS_CHARS = 320;
    private static final int MAX_TOKEN_CHARS = 64;
    static final int MAX_DIAGNOSTIC_CHARS = 1_000;

    private ReportFields() {
    }

    /** One group of fields: names lower-cased, values unfolded (the line breaks of folding removed), in order. */
    static final class Group {
        private final Map<String, List<String>> fields = new HashMap<>();

        private void add(String name, String value) {
            fields.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
        }

        /** The first value of the field, or null. */
        String first(String name) {
            List<String> values = fields.get(name);
            return values == null ? null : values.get(0);
        }

        List<String> all(String name) {
            return fields.getOrDefault(name, List.of());
        }

        boolean has(String name) {
            return fields.containsKey(name);
        }

        boolean isEmpty() {
            return fields.isEmpty();
        }
    }

    /**
     * The groups of {@code text}, at most {@code maxGroups} of them, empty groups left out. When {@code cut} (the text
     * is the start of a longer part), a last group that no empty line ends may be missing fields or end inside a
     * value, so it is left out too. A line that is neither a field, a continuation nor empty is ignored, and so are
     * its continuations.
     */
    static List<Group> groups(String text, boolean cut, int maxGroups) {
        List<Group> groups = new ArrayList<>();
        Group group = new Group();
        String name = null;
        StringBuilder value = new StringBuilder();
        int length = text.length();
        int start = 0;
        while (start < length && groups.size() < maxGroups) {
            int end = start;
            while (end < length && text.charAt(end) != '\r' && text.charAt(end) != '\n') {
                end++;
            }
            if (end == length && cut) {
                // the line may be cut short, and with it the whole group it belongs to is in doubt
                return groups;
            }
            int next = end;
            if (next < length && text.charAt(next) == '\r') {
                next++;
            }
            if (next < length && text.charAt(next) == '\n' && (next == end || text.charAt(end) == '\r')) {
                next++;
            }
            if (blank(text, start, end)) {
                if (name != null) {
                    group.add(name, value.toString());
                    name = null;
                }
                if (!group.isEmpty()) {
                    groups.add(group);
                    group = new Group();
                }
            } else if (text.charAt(start) == ' ' || text.charAt(start) == '\t') {
                if (name != null) {
                    value.append(text, start, end);
                }
            } else {
                if (name != null) {
                    group.add(name, value.toString());
                }
                name = fieldName(text, start, end);
                value.setLength(0);
                if (name != null) {
                    value.append(text, text.indexOf(':', start) + 1, end);
                }
            }
            start = next;
        }
        if (groups.size() < maxGroups && !cut) {
            if (name != null) {
                group.add(name, value.toString());
            }
            if (!group.isEmpty()) {
                groups.add(group);
            }
        }
        return groups;
    }

    private static boolean blank(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The lower-cased name of a field line (printable ASCII up to the colon, white space allowed before it). */
    private static String fieldName(String text, int start, int end) {
        int i = start;
        while (i < end && text.charAt(i) > ' ' && text.charAt(i) < 0x7F && text.charAt(i) != ':') {
            i++;
        }
        int nameEnd = i;
        while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        if (nameEnd == start || i >= end || text.charAt(i) != ':') {
            return null;
        }
        return text.substring(start, nameEnd).toLowerCase(Locale.ROOT);
    }

    /**
     * The address of a {@code type; address} value (Final-Recipient, Original-Recipient): lower-cased, without angle
     * brackets; a value without a type is read as the address alone. Null when the type is not a mail address type or
     * the address is not plausible. With {@code unitext} (RFC 6533), {@code \x{HEX}} escapes are decoded first.
     */
    static String typedAddress(String value, boolean unitext) {
        if (value == null) {
            return null;
        }
        int semicolon = value.indexOf(';');
        if (semicolon >= 0) {
            String type = value.substring(0, semicolon).strip().toLowerCase(Locale.ROOT);
            if (!MAIL_ADDRESS_TYPES.contains(type)) {
                return null;
            }
            value = value.substring(semicolon + 1);
        }
        return address(value, unitext);
    }

    /**
     * A bare or bracketed address ({@code user@example.com}, {@code <user@example.com>}), a comment after it ignored:
     * lower-cased, or null when it is not plausible (the null path {@code <>} included).
     */
    static String address(String value, boolean unitext) {
        if (value == null) {
            return null;
        }
        String s = value.strip();
        String address;
        if (s.startsWith("<")) {
            int close = s.indexOf('>');
            if (close < 0) {
                return null;
            }
            address = s.substring(1, close).strip();
        } else {
            int end = 0;
            while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '(') {
                end++;
            }
            address = s.substring(0, end);
        }
        if (unitext) {
            address = unitext(address);
        }
        return plausibleAddress(address) ? address.toLowerCase(Locale.ROOT) : null;
    }

    /**
     * One {@code @} with text on both sides, and no white space, control character or character that an address can
     * carry only quoted (the same test the parser puts to the addresses of a header).
     */
    static boolean plausibleAddress(String address) {
        if (address == null || address.isEmpty() || address.length() > MAX_ADDRESS_CHARS) {
            return false;
        }
        int at = -1;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                    || "<>(),;:\"".indexOf(c) >= 0) {
                return false;
            }
        }
        return at > 0 && at < address.length() - 1;
    }

    /** RFC 6533 unitext: {@code \x{HEX}} (1 to 6 hex digits) stands for that code point; anything else is kept. */
    private static String unitext(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            int close = value.startsWith("\\x{", i) ? hexEnd(value, i + 3) : -1;
            if (close > 0) {
                int codePoint = Integer.parseInt(value, i + 3, close, 16);
                if (Character.isValidCodePoint(codePoint)) {
                    out.appendCodePoint(codePoint);
                    i = close + 1;
                    continue;
                }
            }
            out.append(value.charAt(i));
            i++;
        }
        return out.toString();
    }

    /** The index of the closing brace after 1 to 6 hex digits from {@code from}, or -1. */
    private static int hexEnd(String value, int from) {
        int i = from;
        while (i < value.length() && i - from < 6 && Character.digit(value.charAt(i), 16) >= 0) {
            i++;
        }
        return i > from && i < value.length() && value.charAt(i) == '}' ? i : -1;
    }

    /**
     * The status code of a Status value ({@code 5.1.1 (user unknown)} gives {@code 5.1.1}), or null unless it is
     * class 2, 4 or 5 followed by a subject and a detail of 1 to 3 digits each (RFC 3463).
     */
    static String statusCode(String value) {
        String code = firstToken(value);
        if (code == null || code.length() < 5 || "245".indexOf(code.charAt(0)) < 0 || code.charAt(1) != '.') {
            return null;
        }
        int subjectEnd = digitsEnd(code, 2);
        if (subjectEnd < 0 || subjectEnd >= code.length() || code.charAt(subjectEnd) != '.') {
            return null;
        }
        int detailEnd = digitsEnd(code, subjectEnd + 1);
        return detailEnd == code.length() ? code : null;
    }

    /** The end of 1 to 3 digits starting at {@code from}, or -1. */
    private static int digitsEnd(String s, int from) {
        int i = from;
        while (i < s.length() && i - from < 4 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i > from && i - from <= 3 ? i : -1;
    }

    /**
     * The first token of a value, lower-cased: up to white space, a comment or a semicolon. Null when empty, longer
     * than a token can sensibly be, or made of anything but letters, digits, {@code -}, {@code _} and {@code .}.
     */
    static String firstToken(String value) {
        if (value == null) {
            return null;
        }
        String s = value.strip();
        int end = 0;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '('
                && s.charAt(end) != ';') {
            end++;
        }
        if (end == 0 || end > MAX_TOKEN_CHARS) {
            return null;
        }
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_' || c == '.';
            if (!ok) {
                return null;
            }
        }
        return s.substring(0, end).toLowerCase(Locale.ROOT);
    }

    /**
     * The text of a Diagnostic-Code ({@code smtp; 550 5.1.1 ...} gives {@code 550 5.1.1 ...}): runs of white space and
     * control characters made one space, at most {@value #MAX_DIAGNOSTIC_CHARS} characters; empty when absent.
     */
    static String diagnostic(String value) {
        if (value == null) {
            return "";
        }
        int semicolon = value.indexOf(';');
        String type = semicolon >= 0 ? value.substring(0, semicolon).strip() : "";
        String typeToken = firstToken(type);
        // the diagnostic type (smtp, X-Postfix) is one token; a semicolon after prose belongs to the text
        String text = typeToken != null && typeToken.length() == type.length()
                ? value.substring(semicolon + 1)
                : value;
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_DIAGNOSTIC_CHARS));
        boolean space = false;
        for (int i = 0; i < text.length() && out.length() < MAX_DIAGNOSTIC_CHARS; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        int length = out.length();
        if (length > 0 && Character.isHighSurrogate(out.charAt(length - 1))) {
            out.setLength(length - 1);
        }
        return out.toString().strip();
    }
}
