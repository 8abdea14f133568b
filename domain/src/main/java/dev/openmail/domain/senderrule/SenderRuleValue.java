package dev.openmail.domain.senderrule;

import java.util.Locale;

/**
 * What a rule matches: a whole address ({@code user@example.com}) or a domain ({@code example.com}), lower-cased.
 * Checked by a single pass over the characters (no regular expression, so no backtracking on hostile input).
 */
public final class SenderRuleValue {

    public static final int MAX_LENGTH = 254;

    private SenderRuleValue() {
    }

    /** The value lower-cased and stripped, or {@link InvalidSenderRuleException} saying what is wrong. */
    public static String normalize(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidSenderRuleException("value must be an email address or a domain.");
        }
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.length() > MAX_LENGTH) {
            throw new InvalidSenderRuleException("value must be at most " + MAX_LENGTH + " characters.");
        }
        int at = value.indexOf('@');
        if (at < 0) {
            requireDomain(value, value);
            return value;
        }
        if (value.indexOf('@', at + 1) >= 0) {
            throw new InvalidSenderRuleException("value " + quoted(value) + " has more than one @.");
        }
        String local = value.substring(0, at);
        if (local.isEmpty() || local.length() > 64) {
            throw new InvalidSenderRuleException("value " + quoted(value) + " needs a local part of 1 to 64"
                    + " characters before the @.");
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c <= ' ' || c >= 0x7f || "\"(),:;<>[\\]".indexOf(c) >= 0) {
                throw new InvalidSenderRuleException("value " + quoted(value) + " has a character an address's"
                        + " local part cannot have.");
            }
        }
        requireDomain(value.substring(at + 1), value);
        return value;
    }

    /** True for an address rule, false for a domain rule. */
    public static boolean isAddress(String normalized) {
        return normalized.indexOf('@') >= 0;
    }

    private static void requireDomain(String domain, String value) {
        if (domain.isEmpty() || domain.length() > 253) {
            throw new InvalidSenderRuleException("value " + quoted(value) + " needs a domain.");
        }
        int labelLength = 0;
        for (int i = 0; i <= domain.length(); i++) {
            char c = i < domain.length() ? domain.charAt(i) : '.';
            if (c == '.') {
                if (labelLength == 0 || labelLength > 63 || domain.charAt(i - 1) == '-'
                        || domain.charAt(i - labelLength) == '-') {
                    throw new InvalidSenderRuleException("value " + quoted(value) + " has a domain that is not a"
                            + " valid host name.");
                }
                labelLength = 0;
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
                labelLength++;
            } else {
                throw new InvalidSenderRuleException("value " + quoted(value) + " has a domain that is not a valid"
                        + " host name.");
            }
        }
    }

    private static String quoted(String value) {
        return "\"" + (value.length() > 80 ? value.substring(0, 80) + "…" : value) + "\"";
    }
}
