package dev.openmail.domain.webhook;

import dev.openmail.domain.common.DomainException;

/** A webhook action on an inbox or account that has no webhook URL. */
public final class NoWebhookUrlException extends DomainException {

    public NoWebhookUrlException(String message) {
        super(message);
    }
}
