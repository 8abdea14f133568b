package dev.openmail.application.inbox;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.AccessPolicy;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodId;
import java.util.Optional;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.ListInboxes;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.Transactions;

import java.util.List;

public final class ListInboxesService implements ListInboxes {

    private final Transactions transactions;
    private final LoadPods loadPods;
    private final LoadInboxes loadInboxes;

    public ListInboxesService(Transactions transactions, LoadPods loadPods, LoadInboxes loadInboxes) {
        this.transactions = transactions;
        this.loadPods = loadPods;
        this.loadInboxes = loadInboxes;
    }

    @Override
    public Page<Inbox> list(Caller caller, PodRef podOrNull, PageRequest page) {
        AccountId accountId = caller.accountId();
        return transactions.reading(() -> {
            PodId requestedPod = null;
            if (podOrNull != null) {
                Optional<Pod> pod = loadPods.find(accountId, podOrNull);
                if (pod.isEmpty()) {
                    return new Page<Inbox>(List.of(), 0);
                }
                requestedPod = pod.get().id();
            }
            AccessPolicy.InboxListing visible = Access.inboxListing(caller, requestedPod);
            if (visible.inboxOrNull() != null) {
                return Page.ofAtMostOne(loadInboxes.find(accountId, visible.inboxOrNull()).orElse(null), page);
            }
            return loadInboxes.list(accountId, visible.podOrNull(), page);
        });
    }
}
