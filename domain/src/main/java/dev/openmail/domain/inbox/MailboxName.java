package dev.openmail.domain.inbox;

import dev.openmail.domain.maildomain.InstallationDomain;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * The local part of an inbox address: 3 to 30 letters, digits, dots and hyphens, neither starting nor ending with a dot
 * or hyphen, without two dots in a row. Kept in lower case, so that addresses compare case-insensitively.
 */
public record MailboxName(String value) {

    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 30;
    private static final int RANDOM_LENGTH = 8;
    private static final char[] RANDOM_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public MailboxName {
        String problem = problemWith(value);
        if (problem != null) {
            throw new InvalidMailboxNameException(problem);
        }
    }

    /** Reads a client's mailbox name, folding it to lower case. */
    public static MailboxName parse(String text) {
        if (text == null) {
            throw new InvalidMailboxNameException("mailboxName must be a string.");
        }
        if (!text.chars().allMatch(c -> c < 128)) {
            // Folding first would turn some non-ASCII letters (the Kelvin sign) into ASCII ones.
            throw new InvalidMailboxNameException("mailboxName may only contain letters, digits, dots and hyphens.");
        }
        return new MailboxName(text.toLowerCase(Locale.ROOT));
    }

    /** A random name of 8 lower-case letters and digits, for inboxes created without one. */
    public static MailboxName random() {
        char[] name = new char[RANDOM_LENGTH];
        for (int i = 0; i < name.length; i++) {
            name[i] = RANDOM_ALPHABET[RANDOM.nextInt(RANDOM_ALPHABET.length)];
        }
        return new MailboxName(new String(name));
    }

    /**
     * Refuses this name on the installation's domain when the installation keeps it for itself (postmaster, abuse,
     * ...); on an account's own custom domain every name is the account's.
     */
    public void ensureAvailableOn(InstallationDomain installation) {
        if (installation.reservesMailboxName(value)) {
            throw new InvalidMailboxNameException("mailboxName '" + value + "' is reserved on " + installation.name()
                    + ": role addresses such as postmaster@ and abuse@ belong to the installation. Choose another name,"
                    + " or use a custom domain of your own.");
        }
    }

    private static String problemWith(String value) {
        if (value == null || value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            return "mailboxName must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long.";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
                return "mailboxName may only contain letters, digits, dots and hyphens.";
            }
        }
        char first = value.charAt(0);
        char last = value.charAt(value.length() - 1);
        if (first == '.' || first == '-' || last == '.' || last == '-') {
            return "mailboxName may not start or end with a dot or a hyphen.";
        }
        if (value.contains("..")) {
            return "mailboxName may not contain two dots in a row.";
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
