package dev.openmail.adapters.rest.json;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Timestamps on the wire: ISO-8601 in UTC. */
public final class Timestamps {

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
