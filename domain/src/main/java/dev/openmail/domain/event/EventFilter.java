package dev.openmail.domain.event;

import dev.openmail.domain.access.AccessPolicy;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.access.Place;
import dev.openmail.domain.inbox.InboxId;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a WebSocket connection has subscribed to: all inboxes its key may read (also those created later) or a list of
 * them, and all event types or a list of them. Subscriptions add up; {@link #NONE} hears nothing.
 *
 * @param allInboxes every inbox the key may read; {@code inboxIds} is then empty
 * @param inboxIds   the inboxes subscribed to one by one, in the order first subscribed
 * @param allTypes   every event type; {@code types} is then empty
 */
public record EventFilter(boolean allInboxes, Set<InboxId> inboxIds, boolean allTypes, Set<EventType> types) {

    public static final EventFilter NONE = new EventFilter(false, Set.of(), false, Set.of());

    public EventFilter {
        inboxIds = allInboxes ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(inboxIds));
        types = allTypes || types.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(types));
    }

    /**
     * This filter and a subscription to {@code inboxes} (empty: all of them) and {@code eventTypes} (empty: all), as
     * the protocol's subscribe adds up.
     */
    public EventFilter plus(Set<InboxId> inboxes, Set<EventType> eventTypes) {
        Set<InboxId> ids = new LinkedHashSet<>(inboxIds);
        ids.addAll(inboxes);
        Set<EventType> allOfTypes = new LinkedHashSet<>(types);
        allOfTypes.addAll(eventTypes);
        return new EventFilter(allInboxes || inboxes.isEmpty(), ids, allTypes || eventTypes.isEmpty(), allOfTypes);
    }

    /**
     * This filter without {@code inboxes}; with none named, without anything (it hears nothing until the next
     * subscribe). Naming inboxes is refused while every inbox is subscribed to, as there is no list to take them from.
     *
     * @throws IllegalStateException when inboxes are named and {@link #allInboxes} holds
     */
    public EventFilter minus(Set<InboxId> inboxes) {
        if (inboxes.isEmpty()) {
            return NONE;
        }
        if (allInboxes) {
            throw new IllegalStateException("subscribed to every inbox");
        }
        Set<InboxId> left = new LinkedHashSet<>(inboxIds);
        left.removeAll(inboxes);
        return new EventFilter(false, left, allTypes, types);
    }

    /**
     * Whether a connection with this filter, whose key has {@code scope}, hears {@code event}: its type is subscribed
     * to, its inbox is (one by one, or as one of all), and the key may read mail in that inbox.
     */
    public boolean hears(MailEvent event, KeyScope scope) {
        Objects.requireNonNull(event);
        if (!allTypes && !types.contains(event.type())) {
            return false;
        }
        if (!allInboxes && !inboxIds.contains(event.inboxId())) {
            return false;
        }
        return AccessPolicy.allows(scope, Action.READ_MAIL, Place.inbox(event.podId(), event.inboxId()));
    }

    /** Whether any event could be heard: something was subscribed to and not all of it was taken back. */
    public boolean hearsAnything() {
        return (allInboxes || !inboxIds.isEmpty()) && (allTypes || !types.isEmpty());
    }
}
