package dev.openmail.domain.port.out;

import dev.openmail.domain.suppression.Unsubscription;

import java.util.Optional;

/**
 * One-click unsubscribe links for bulk mail (RFC 8058). A link carries its {@link Unsubscription} sealed, so nobody
 * can make one for an address or account of their choosing, and nothing in it needs storing.
 */
public interface UnsubscribeLinks {

    /** The absolute https (or http) URL a POST to which unsubscribes the recipient. */
    String linkFor(Unsubscription unsubscription);

    /** What the link's token was made for; empty for a token this server did not make, or one altered. */
    Optional<Unsubscription> read(String token);
}
