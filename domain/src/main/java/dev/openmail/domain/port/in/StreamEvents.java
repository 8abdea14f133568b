package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.event.EventFilter;
import dev.openmail.domain.event.LoggedEvent;
import dev.openmail.domain.event.SubscriberId;

import java.util.List;
import java.util.Objects;

/**
 * The WebSocket event stream's decisions, for one connection of a key: whether it may open, what a subscribe or an
 * unsubscribe leaves it hearing (within what the key may read), what a resume replays, and whether the key still holds.
 * Refusals are {@code InvalidInputException}s whose message is for the client and names no other tenant's id.
 */
public interface StreamEvents {

    /** Inboxes one subscribe may name. */
    int MAX_INBOX_IDS_PER_MESSAGE = 100;
    /** Inboxes a connection may have subscribed to one by one. */
    int MAX_INBOX_IDS = 1000;
    /** Events a resume replays at most. */
    int REPLAY_LIMIT = 100;

    /**
     * Registers the connection on process {@code instance}, hearing nothing yet; false when the account already has
     * its {@code Subscriber.MAX_PER_ACCOUNT} live connections across all processes.
     */
    boolean connect(Caller caller, SubscriberId id, String instance);

    /** Adds the subscription to the connection's; with {@code lastEventId}, the account's later events it hears. */
    Subscribed subscribe(Subscribe command);

    /** Takes {@code inboxIds} (none: everything) out of what the connection hears; what is left. */
    EventFilter unsubscribe(Caller caller, SubscriberId id, EventFilter current, List<String> inboxIds);

    /** Whether the caller's key is still one of the account's keys, with the same reach. */
    boolean stillValid(Caller caller);

    /** Forgets the connection. */
    void disconnect(Caller caller, SubscriberId id);

    /**
     * A subscribe as the client sent it: absent lists are null, as are absent ids.
     *
     * @param current what the connection hears before it
     */
    record Subscribe(Caller caller, SubscriberId id, EventFilter current, List<String> inboxIds,
                     List<String> eventTypes, String lastEventId) {

        public Subscribe {
            Objects.requireNonNull(caller);
            Objects.requireNonNull(id);
            Objects.requireNonNull(current);
        }
    }

    /** What the connection hears now, and the events a resume replays, oldest first. */
    record Subscribed(EventFilter filter, List<LoggedEvent> replay) {
    }
}
