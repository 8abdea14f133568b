package dev.openmail.domain.webhook;

/** What became of one entry of the delivery log. */
public enum AttemptOutcome {

    /** Posted; the webhook answered 2xx. */
    SUCCEEDED("succeeded"),
    /** Posted; no 2xx answer (error status, refused target, timeout, network failure). */
    FAILED("failed"),
    /** Not posted: neither the inbox nor the account has a webhook URL. */
    NO_WEBHOOK("no_webhook"),
    /** Not posted: a WebSocket subscription heard the event. */
    WEBSOCKET("websocket");

    private final String wireName;

    AttemptOutcome(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static AttemptOutcome fromWireName(String name) {
        for (AttemptOutcome outcome : values()) {
            if (outcome.wireName.equals(name)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("no attempt outcome " + name);
    }
}
