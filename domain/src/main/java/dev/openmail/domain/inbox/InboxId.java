package dev.openmail.domain.inbox;

import dev.openmail.domain.common.PrefixedId;

public record InboxId(String value) {

    public static final String PREFIX = "inb_";

    public InboxId {
        PrefixedId.require(PREFIX, value);
    }

    public static InboxId generate() {
        return new InboxId(PrefixedId.generate(PREFIX));
    }

    public static boolean isWellFormed(String value) {
        return PrefixedId.matches(PREFIX, value);
    }

    /** Reads the id of an inbox named in a URL path: text that cannot be one is not found. */
    public static InboxId fromPath(String text) {
        return PrefixedId.fromPath(PREFIX, text, InboxId::new, Inbox::notFound);
    }

    @Override
    public String toString() {
        return value;
    }
}
