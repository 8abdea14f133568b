package dev.openmail.domain.event;

import java.util.Objects;

/**
 * An event as the log holds it.
 *
 * @param position its place in the log of the whole installation: greater for an event written later, so that a
 *                 process follows the log by asking for what comes after the last position it has seen. Positions
 *                 are given when the event is written and may become visible out of order by the few milliseconds
 *                 between a writer taking one and committing.
 */
public record LoggedEvent(long position, MailEvent event) {

    public LoggedEvent {
        Objects.requireNonNull(event);
    }
}
