package dev.openmail.domain.event;

import dev.openmail.domain.common.PrefixedId;

/** The id of one event in the event log: {@code evt_} and a time-ordered body. */
public record EventId(String value) {

    public static final String PREFIX = "evt_";

    public EventId {
        PrefixedId.require(PREFIX, value);
    }

    public static EventId generate() {
        return new EventId(PrefixedId.generate(PREFIX));
    }

    public static boolean isWellFormed(String value) {
        return PrefixedId.matches(PREFIX, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
