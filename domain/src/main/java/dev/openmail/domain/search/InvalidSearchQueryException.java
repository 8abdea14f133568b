package dev.openmail.domain.search;

import dev.openmail.domain.common.DomainException;

/** A search query that cannot be run as written: empty, too long, an unclosed quote, or nothing to look up. */
public final class InvalidSearchQueryException extends DomainException {

    public InvalidSearchQueryException(String message) {
        super(message);
    }
}
