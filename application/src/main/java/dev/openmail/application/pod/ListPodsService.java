package dev.openmail.application.pod;

import dev.openmail.application.access.Access;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.port.in.ListPods;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.Transactions;

public final class ListPodsService implements ListPods {

    private final Transactions transactions;
    private final LoadPods loadPods;

    public ListPodsService(Transactions transactions, LoadPods loadPods) {
        this.transactions = transactions;
        this.loadPods = loadPods;
    }

    @Override
    public Page<Pod> list(Caller caller, PageRequest page) {
        PodId onlyPod = Access.podListing(caller);
        if (onlyPod != null) {
            return Page.ofAtMostOne(loadPods.find(caller.accountId(), new PodRef.ById(onlyPod)).orElse(null), page);
        }
        // One connection for both queries, outside a transaction: a pod created between them can make the total one more.
        return transactions.reading(() -> loadPods.list(caller.accountId(), page));
    }
}
