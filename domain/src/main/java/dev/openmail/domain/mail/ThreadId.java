package dev.openmail.domain.mail;

import dev.openmail.domain.common.PrefixedId;

public record ThreadId(String value) {

    public static final String PREFIX = "thr_";

    public ThreadId {
        PrefixedId.require(PREFIX, value);
    }

    public static ThreadId generate() {
        return new ThreadId(PrefixedId.generate(PREFIX));
    }

    public static boolean isWellFormed(String value) {
        return PrefixedId.matches(PREFIX, value);
    }

    /** Reads the id of a thread named in a URL path: text that cannot be one is not found. */
    public static ThreadId fromPath(String text) {
        return PrefixedId.fromPath(PREFIX, text, ThreadId::new, MailThread::notFound);
    }

    @Override
    public String toString() {
        return value;
    }
}
