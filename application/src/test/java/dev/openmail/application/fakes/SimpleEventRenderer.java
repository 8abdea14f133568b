package dev.openmail.application.fakes;

import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.port.out.RenderEvents;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** A short text naming what a payload carries, enough for use-case tests to tell payloads apart. */
public final class SimpleEventRenderer implements RenderEvents {

    @Override
    public byte[] payload(MailEvent event, int attempt, Instant deliveredAt) {
        return (event.type().wireName() + " " + event.id() + " attempt=" + attempt + " at=" + deliveredAt)
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] testPayload(EventId id, InboxId inboxId, Instant at) {
        return ("webhook.test " + id + " inbox=" + inboxId + " at=" + at).getBytes(StandardCharsets.UTF_8);
    }
}
