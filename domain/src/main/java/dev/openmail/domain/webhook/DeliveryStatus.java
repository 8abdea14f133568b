package dev.openmail.domain.webhook;

/** Where an event's webhook delivery stands. */
public enum DeliveryStatus {

    /** Waiting for its first or next attempt. */
    PENDING("pending"),
    /** The webhook answered 2xx. */
    DELIVERED("delivered"),
    /** Every attempt failed, or there was no webhook to post to. */
    FAILED("failed"),
    /** A WebSocket subscription heard the event when its first attempt was due, so nothing was posted. */
    WEBSOCKET("websocket");

    private final String wireName;

    DeliveryStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static DeliveryStatus fromWireName(String name) {
        for (DeliveryStatus status : values()) {
            if (status.wireName.equals(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("no delivery status " + name);
    }
}
