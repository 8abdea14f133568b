package dev.openmail.domain.webhook;

/**
 * What one POST to a webhook came to.
 *
 * @param statusCode    the HTTP status the endpoint answered, or 0 when no answer was read (refused target, DNS or
 *                      connection failure, timeout)
 * @param error         why the attempt did not succeed, for people to read; null for a 2xx answer
 * @param latencyMillis from the start of the attempt to its answer or failure
 */
public record WebhookResponse(int statusCode, String error, long latencyMillis) {

    /** Whether the endpoint took the event: it answered 2xx in time. */
    public boolean succeeded() {
        return statusCode >= 200 && statusCode < 300;
    }

    public static WebhookResponse answered(int statusCode, long latencyMillis) {
        boolean ok = statusCode >= 200 && statusCode < 300;
        return new WebhookResponse(statusCode, ok ? null : "the endpoint answered HTTP " + statusCode, latencyMillis);
    }

    public static WebhookResponse failed(String error, long latencyMillis) {
        return new WebhookResponse(0, error, latencyMillis);
    }
}
