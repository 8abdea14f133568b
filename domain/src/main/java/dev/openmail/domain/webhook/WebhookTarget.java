package dev.openmail.domain.webhook;

import dev.openmail.domain.event.EventId;
import dev.openmail.domain.inbox.WebhookSecret;
import dev.openmail.domain.inbox.WebhookUrl;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Where an event is posted and the secret that signs it: the inbox's webhook, or else the account's. */
public record WebhookTarget(WebhookUrl url, WebhookSecret secret) {

    public WebhookTarget {
        Objects.requireNonNull(url);
        Objects.requireNonNull(secret);
    }

    /** The signed POST of {@code body}, the payload of event {@code eventId}, at {@code timestampSeconds}. */
    public WebhookRequest request(EventId eventId, long timestampSeconds, byte[] body) {
        return new WebhookRequest(url.value(), Map.of(
                "Content-Type", "application/json",
                "X-Event-Id", eventId.value(),
                "X-Timestamp", Long.toString(timestampSeconds),
                "X-Signature", WebhookSignature.sign(secret, timestampSeconds, body)), body);
    }

    /** The host posted to, lower-case, which bounds how many workers one endpoint may hold. */
    public String host() {
        return URI.create(url.value()).getHost().toLowerCase(Locale.ROOT);
    }
}
