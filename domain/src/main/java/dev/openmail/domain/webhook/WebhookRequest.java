package dev.openmail.domain.webhook;

import java.util.Map;
import java.util.Objects;

/**
 * One signed POST to a webhook: the target URL as the tenant set it, the headers to send ({@code Content-Type},
 * {@code X-Event-Id}, {@code X-Timestamp}, {@code X-Signature}) and the exact body that was signed.
 */
public record WebhookRequest(String url, Map<String, String> headers, byte[] body) {

    public WebhookRequest {
        Objects.requireNonNull(url);
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body);
    }
}
