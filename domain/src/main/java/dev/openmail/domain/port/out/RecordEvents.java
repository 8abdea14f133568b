package dev.openmail.domain.port.out;

import dev.openmail.domain.event.MailEvent;

import java.util.List;

/** Writes events to the log, in the caller's transaction, so that they exist exactly when the change they report. */
public interface RecordEvents {

    /**
     * Appends {@code events} in their order, each with its webhook delivery, pending and due at once
     * ({@link dev.openmail.domain.webhook.WebhookDelivery#of}), so that every event recorded is delivered. An event of an inbox deleted meanwhile is not written: it goes, like the
     * inbox's mail, with the inbox.
     */
    void record(List<MailEvent> events);
}
