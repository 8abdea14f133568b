package dev.openmail.domain.inbox;

import dev.openmail.domain.common.DomainException;

public final class InvalidWebhookUrlException extends DomainException {

    public InvalidWebhookUrlException(String message) {
        super(message);
    }
}
