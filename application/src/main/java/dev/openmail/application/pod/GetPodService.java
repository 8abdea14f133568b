package dev.openmail.application.pod;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.GetPod;
import dev.openmail.domain.port.out.LoadPods;

public final class GetPodService implements GetPod {

    private final LoadPods loadPods;

    public GetPodService(LoadPods loadPods) {
        this.loadPods = loadPods;
    }

    @Override
    public Pod get(AccountId accountId, PodRef pod) {
        return loadPods.find(accountId, pod).orElseThrow(() -> PodRef.notFound(pod.text()));
    }
}
