package dev.openmail.application.pod;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.UpdatePod;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.Transactions;

public final class UpdatePodService implements UpdatePod {

    private final Transactions transactions;
    private final LoadPods loadPods;
    private final SavePod savePod;

    public UpdatePodService(Transactions transactions, LoadPods loadPods, SavePod savePod) {
        this.transactions = transactions;
        this.loadPods = loadPods;
        this.savePod = savePod;
    }

    @Override
    public Pod update(Command command) {
        Access.requireKind(command.caller(), Action.MANAGE_PODS);
        return transactions.inTransaction(() -> {
            Pod current = loadPods.findForUpdate(command.caller().accountId(), command.pod())
                    .orElseThrow(() -> PodRef.notFound(command.pod().text()));
            Access.require(command.caller(), Action.MANAGE_PODS, current.place());
            Pod updated = current.update(command.clientId(), command.name());
            if (!savePod.update(updated)) {
                throw PodRef.notFound(command.pod().text());
            }
            return updated;
        });
    }
}
