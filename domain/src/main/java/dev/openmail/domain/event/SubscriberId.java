package dev.openmail.domain.event;

import dev.openmail.domain.common.PrefixedId;

/** One live WebSocket connection, as the installation's list of subscribers names it: {@code sub_} and a body. */
public record SubscriberId(String value) {

    public static final String PREFIX = "sub_";

    public SubscriberId {
        PrefixedId.require(PREFIX, value);
    }

    public static SubscriberId generate() {
        return new SubscriberId(PrefixedId.generate(PREFIX));
    }

    @Override
    public String toString() {
        return value;
    }
}
