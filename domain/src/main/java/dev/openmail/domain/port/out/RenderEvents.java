package dev.openmail.domain.port.out;

import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.inbox.InboxId;

import java.time.Instant;

/** Writes events as consumers receive them: the documented JSON payload, shared by webhooks and the WebSocket. */
public interface RenderEvents {

    /** The payload of {@code event} in its {@code attempt}-th delivery, made at {@code deliveredAt}, as UTF-8 JSON. */
    byte[] payload(MailEvent event, int attempt, Instant deliveredAt);

    /**
     * The payload of a test delivery (event {@code webhook.test}), sent to the webhook of {@code inboxId}, or of the
     * account when it is null.
     */
    byte[] testPayload(EventId id, InboxId inboxId, Instant at);
}
