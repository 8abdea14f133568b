package dev.openmail.domain.maildomain;

import dev.openmail.domain.common.InvalidInputException;

import java.net.IDN;
import java.util.Locale;

/**
 * A DNS domain name in its ASCII form, lower case, without a trailing dot: at least two labels of letters, digits and
 * hyphens (1 to 63 characters, no hyphen at either end), 253 characters at most. Unicode names are converted with IDNA.
 */
public record DomainName(String value) {

    public static final int MAX_LENGTH = 253;

    public DomainName {
        String problem = problemWith(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Reads a client's domain name; {@code field} names the input in the error. */
    public static DomainName parse(String field, String text) {
        if (text == null) {
            throw new InvalidInputException(field, field + " must be a string.");
        }
        String ascii;
        try {
            String trimmed = text.strip();
            if (trimmed.endsWith(".")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            ascii = IDN.toASCII(trimmed, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, field + " '" + text + "' is not a valid domain name.");
        }
        String problem = problemWith(ascii);
        if (problem != null) {
            throw new InvalidInputException(field, field + " '" + text + "' is not a valid domain name: " + problem);
        }
        return new DomainName(ascii);
    }

    private static String problemWith(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return "a domain name has 1 to " + MAX_LENGTH + " characters.";
        }
        String[] labels = value.split("\\.", -1);
        if (labels.length < 2) {
            return "a domain name has at least two labels, such as example.com.";
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            return "the last label may not be all digits (an IP address is not a domain name).";
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63) {
                return "each label has 1 to 63 characters.";
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return "a label may not start or end with a hyphen.";
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                    return "labels hold only letters, digits and hyphens.";
                }
            }
        }
        return null;
    }

    /** True when this name is {@code other} or lies below it, as {@code mail.example.com} lies below example.com. */
    public boolean isWithin(DomainName other) {
        return value.equals(other.value) || value.endsWith("." + other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
