package dev.openmail.application.pod;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.GetPod;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.Transactions;

public final class GetPodService implements GetPod {

    private final Transactions transactions;
    private final LoadPods loadPods;

    public GetPodService(Transactions transactions, LoadPods loadPods) {
        this.transactions = transactions;
        this.loadPods = loadPods;
    }

    @Override
    public Pod get(Caller caller, PodRef ref) {
        Access.requireKind(caller, Action.READ_PODS);
        Pod pod = transactions.reading(() -> loadPods.find(caller.accountId(), ref)).orElseThrow(() -> PodRef.notFound(ref.text()));
        Access.require(caller, Action.READ_PODS, pod.place());
        return pod;
    }
}
