package dev.openmail.application.pod;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.port.in.CreatePod;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.Transactions;

import java.time.Clock;

public final class CreatePodService implements CreatePod {

    private final Transactions transactions;
    private final SavePod savePod;
    private final Clock clock;

    public CreatePodService(Transactions transactions, SavePod savePod, Clock clock) {
        this.transactions = transactions;
        this.savePod = savePod;
        this.clock = clock;
    }

    @Override
    public Pod create(Command command) {
        Access.requireKind(command.caller(), Action.MANAGE_PODS);
        Pod pod = Pod.create(command.caller().accountId(), command.clientId(), command.name(), clock.instant());
        transactions.inTransaction(() -> savePod.insert(pod));
        return pod;
    }
}
