package dev.openmail.domain.maildomain;

import dev.openmail.domain.common.PrefixedId;

public record DomainId(String value) {

    public static final String PREFIX = "dom_";

    public DomainId {
        PrefixedId.require(PREFIX, value);
    }

    public static DomainId generate() {
        return new DomainId(PrefixedId.generate(PREFIX));
    }

    public static boolean isWellFormed(String value) {
        return PrefixedId.matches(PREFIX, value);
    }

    /** Reads the id of a domain named in a URL path: text that cannot be one is not found. */
    public static DomainId fromPath(String text) {
        return PrefixedId.fromPath(PREFIX, text, DomainId::new, MailDomain::notFound);
    }

    @Override
    public String toString() {
        return value;
    }
}
