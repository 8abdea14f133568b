package dev.openmail.adapters.persistence;

import java.time.Instant;

/** How rows of both kinds of store hold times: as epoch milliseconds, the precision the domain keeps. */
public final class Rows {

    private Rows() {
    }

    public static long epochMillis(Instant instant) {
        return instant.toEpochMilli();
    }

    public static Instant instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }
}
