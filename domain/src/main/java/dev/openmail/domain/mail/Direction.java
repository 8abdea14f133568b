package dev.openmail.domain.mail;

import java.util.Locale;

public enum Direction {
    INBOUND, OUTBOUND;

    /** The name on the wire: inbound, outbound. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
