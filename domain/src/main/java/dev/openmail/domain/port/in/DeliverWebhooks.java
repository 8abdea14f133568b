package dev.openmail.domain.port.in;

import dev.openmail.domain.webhook.WebhookDelivery;

import java.util.List;

/**
 * Works through the due webhook deliveries: a dispatcher claims them, and workers deliver each one (post it, or hand
 * it to the WebSocket, or fail it when there is no webhook), so that a slow endpoint holds a worker, not the queue.
 */
public interface DeliverWebhooks {

    /** Up to {@code max} due deliveries, claimed for this process's workers. */
    List<WebhookDelivery> claimDue(int max);

    /** Makes the claimed delivery's next attempt and stores what it came to. */
    void deliver(WebhookDelivery delivery);
}
