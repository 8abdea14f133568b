package dev.openmail.domain.maildomain;

import java.util.Locale;

/** What DNS showed for one record the domain must publish. */
public enum RecordStatus {
    /** Nothing of the kind is published there. */
    MISSING,
    /** Something of the kind is published there, but not the expected value. */
    INVALID,
    /** The expected value is published. */
    VALID;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RecordStatus fromWireName(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
