package dev.openmail.domain.delivery;

import java.util.Locale;

/**
 * Where a sent message stands for one of its recipients. {@code queued} and {@code deferred} are still being worked
 * on; the others are final, except that a delivered recipient can still bounce when a delivery status notification
 * comes back later.
 */
public enum DeliveryState {
    /** Not tried yet. */
    QUEUED,
    /** Tried; the last attempt failed for now and another will follow. */
    DEFERRED,
    /** Accepted by the recipient's mail server (or filed in an inbox of this installation). */
    DELIVERED,
    /** Refused for good during delivery (5xx, a domain that takes no mail), or still failing after the last attempt. */
    FAILED,
    /** Accepted, then reported undeliverable by a delivery status notification that came back. */
    BOUNCED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryState fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public boolean pending() {
        return this == QUEUED || this == DEFERRED;
    }
}
