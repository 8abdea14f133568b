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

    @Override
    public String toString() {
        return value;
    }
}
