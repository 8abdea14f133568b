package dev.openmail.domain.webhook;

import dev.openmail.domain.common.DomainException;

/** A test POST that the webhook did not take. */
public final class WebhookFailedException extends DomainException {

    public WebhookFailedException(String message) {
        super(message);
    }
}
