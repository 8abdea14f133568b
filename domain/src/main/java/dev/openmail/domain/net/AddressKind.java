package dev.openmail.domain.net;

/**
 * What kind of network address an outbound connection to a tenant-chosen target (a webhook, a recipient's mail
 * exchanger) would reach; only {@link #PUBLIC} is on the public internet.
 */
public enum AddressKind {
    PUBLIC("a public address"),
    UNSPECIFIED("an unspecified address"),
    LOOPBACK("a loopback address"),
    LINK_LOCAL("a link-local address"),
    PRIVATE("a private address"),
    SHARED("a shared (carrier-grade NAT) address"),
    UNIQUE_LOCAL("a unique-local address"),
    MULTICAST("a multicast address"),
    BROADCAST("a broadcast address"),
    RESERVED("a reserved address"),
    DOCUMENTATION("a documentation address"),
    BENCHMARKING("a benchmarking address");

    private final String phrase;

    AddressKind(String phrase) {
        this.phrase = phrase;
    }

    /** "a private address", for the reason people read. */
    public String phrase() {
        return phrase;
    }

    public boolean isPublic() {
        return this == PUBLIC;
    }
}
