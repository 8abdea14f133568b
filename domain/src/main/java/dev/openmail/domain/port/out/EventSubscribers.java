package dev.openmail.domain.port.out;

import dev.openmail.domain.event.MailEvent;

import java.time.Instant;

/** Who hears events over the WebSocket, as the whole installation (every server process) knows it. */
public interface EventSubscribers {

    /**
     * Whether, at {@code now}, a live WebSocket connection of the event's account, on any server process, is
     * subscribed to it (its inbox and its type, within what the connection's key may read). Such an event goes to
     * the WebSocket, and its webhook is not posted.
     */
    boolean subscribed(MailEvent event, Instant now);
}
