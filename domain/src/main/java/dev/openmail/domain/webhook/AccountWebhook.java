package dev.openmail.domain.webhook;

import dev.openmail.domain.inbox.WebhookSecret;
import dev.openmail.domain.inbox.WebhookUrl;

import java.util.Objects;

/** The account's webhook: where events of inboxes without a webhook of their own are posted. */
public record AccountWebhook(WebhookUrl url, WebhookSecret secret) {

    public AccountWebhook {
        Objects.requireNonNull(url);
        Objects.requireNonNull(secret);
    }

    public WebhookTarget target() {
        return new WebhookTarget(url, secret);
    }
}
