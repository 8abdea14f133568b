package dev.openmail.application.pod;

import dev.openmail.application.access.Access;
import dev.openmail.application.account.RecentKeys;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.DeletePod;
import dev.openmail.domain.port.out.InspectPodContents;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.RemovePod;
import dev.openmail.domain.port.out.Transactions;

public final class DeletePodService implements DeletePod {

    private final Transactions transactions;
    private final LoadPods loadPods;
    private final InspectPodContents contents;
    private final RemovePod removePod;

    private final RecentKeys recentKeys;

    /** The keys confined to a deleted pod go with it, so this process forgets the keys it remembers once committed. */
    public DeletePodService(Transactions transactions, LoadPods loadPods, InspectPodContents contents, RemovePod removePod,
                            RecentKeys recentKeys) {
        this.recentKeys = recentKeys;
        this.transactions = transactions;
        this.loadPods = loadPods;
        this.contents = contents;
        this.removePod = removePod;
    }

    @Override
    public void delete(Caller caller, PodRef ref) {
        AccountId accountId = caller.accountId();
        Access.requireKind(caller, Action.MANAGE_PODS);
        try {
            transactions.inTransaction(() -> {
                Pod pod = loadPods.findForUpdate(accountId, ref).orElseThrow(() -> PodRef.notFound(ref.text()));
                Access.require(caller, Action.MANAGE_PODS, pod.place());
                pod.ensureDeletable(contents.occupancy(accountId, pod.id()));
                removePod.remove(pod);
            });
        } finally {
            recentKeys.forgetAll();
        }
    }
}
