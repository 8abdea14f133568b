package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.Pod;

import java.util.Objects;

public interface CreatePod {

    Pod create(Command command);

    /** {@code clientId} and {@code name} may be null. */
    record Command(Caller caller, ClientId clientId, Label name) {
        public Command {
            Objects.requireNonNull(caller);
        }
    }
}
