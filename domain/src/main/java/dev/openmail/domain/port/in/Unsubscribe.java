package dev.openmail.domain.port.in;

/**
 * One-click unsubscribing: the recipient's mail provider (or the recipient, from the page a GET shows) posts to the
 * link of a bulk message, with no API key; the link's own seal is the authentication.
 */
public interface Unsubscribe {

    /**
     * Adds the link's recipient to the sending account's suppression list ({@code unsub}); doing it again changes
     * nothing. A token this server did not make is not found.
     */
    void unsubscribe(String token);

    /** Whether the token is one this server made (the page a GET shows offers the button only then). */
    boolean recognizes(String token);
}
