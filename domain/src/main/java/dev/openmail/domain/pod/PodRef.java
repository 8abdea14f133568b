package dev.openmail.domain.pod;

import dev.openmail.domain.common.NotFoundException;

import java.util.Optional;

/** How a client names a pod: by its id or by its client id. */
public sealed interface PodRef {

    /** The reference as the client wrote it. */
    String text();

    record ById(PodId id) implements PodRef {
        @Override
        public String text() {
            return id.value();
        }
    }

    record ByClientId(ClientId clientId) implements PodRef {
        @Override
        public String text() {
            return clientId.value();
        }
    }

    /**
     * Reads an id-or-client-id as found in a path or body. Empty when the text could name no pod at all (wrong
     * characters, a malformed id): the caller decides whether that is a 404 or a 400.
     */
    static Optional<PodRef> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.startsWith(PodId.PREFIX)) {
            return PodId.isWellFormed(text) ? Optional.of(new ById(new PodId(text))) : Optional.empty();
        }
        return ClientId.problemWith(text) == null ? Optional.of(new ByClientId(new ClientId(text))) : Optional.empty();
    }

    /** Reads a pod named in a URL path, where a name that fits no pod is simply not found. */
    static PodRef fromPath(String text) {
        return parse(text).orElseThrow(() -> notFound(text));
    }

    /** Reads a pod named in a request body, where a name that fits no pod of the account is the client's error. */
    static PodRef fromBody(String text) {
        return parse(text).orElseThrow(() -> new InvalidPodException(text));
    }

    static NotFoundException notFound(String text) {
        return new NotFoundException("No pod with id or clientId '" + text + "' in this account.");
    }
}
