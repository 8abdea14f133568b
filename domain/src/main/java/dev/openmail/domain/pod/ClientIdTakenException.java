package dev.openmail.domain.pod;

import dev.openmail.domain.common.DomainException;

public final class ClientIdTakenException extends DomainException {

    public ClientIdTakenException(ClientId clientId) {
        super("Another pod of this account already has clientId '" + clientId + "'; choose a different one"
                + " or address that pod by it.");
    }
}
