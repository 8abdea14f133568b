package dev.openmail.domain.port.out;

import java.time.Instant;

/** Removes events past their retention. Safe to run from several processes at once: each removal stands alone. */
public interface ExpireEvents {

    /** Removes at most {@code max} events that occurred before {@code cutoff}; answers how many it removed. */
    int removeOccurredBefore(Instant cutoff, int max);
}
