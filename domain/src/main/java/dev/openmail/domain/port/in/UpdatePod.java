package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodRef;

import java.util.Objects;

public interface UpdatePod {

    Pod update(Command command);

    record Command(Caller caller, PodRef pod, Change<ClientId> clientId, Change<Label> name) {
        public Command {
            Objects.requireNonNull(caller);
            Objects.requireNonNull(pod);
            Objects.requireNonNull(clientId);
            Objects.requireNonNull(name);
        }
    }
}
