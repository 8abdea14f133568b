package dev.openmail.domain.mail;

import dev.openmail.domain.common.PrefixedId;

public record MessageId(String value) {

    public static final String PREFIX = "msg_";

    public MessageId {
        PrefixedId.require(PREFIX, value);
    }

    public static MessageId generate() {
        return new MessageId(PrefixedId.generate(PREFIX));
    }

    public static boolean isWellFormed(String value) {
        return PrefixedId.matches(PREFIX, value);
    }

    /** Reads the id of a message named in a URL path: text that cannot be one is not found. */
    public static MessageId fromPath(String text) {
        return PrefixedId.fromPath(PREFIX, text, MessageId::new, Message::notFound);
    }

    @Override
    public String toString() {
        return value;
    }
}
