package dev.openmail.domain.port.out;

import dev.openmail.domain.webhook.WebhookRequest;
import dev.openmail.domain.webhook.WebhookResponse;

/**
 * Posts to a tenant's webhook. Targets are chosen by tenants, so the adapter refuses (without connecting) every
 * address that is not on the public internet, checked on the address it connects to; it follows no redirect, gives
 * up after 15 seconds, and reads at most a small part of the answer.
 */
public interface PostWebhook {

    /** Never throws for what the endpoint or the network does: every failure is a {@link WebhookResponse}. */
    WebhookResponse post(WebhookRequest request);
}
