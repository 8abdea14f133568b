package dev.openmail.application.inbox;

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
    public Page<Inbox> list(AccountId accountId, PodRef podOrNull, PageRequest page) {
        return transactions.inTransaction(() -> {
            if (podOrNull == null) {
                return loadInboxes.list(accountId, null, page);
            }
            return loadPods.find(accountId, podOrNull)
                    .map(pod -> loadInboxes.list(accountId, pod.id(), page))
                    .orElseGet(() -> new Page<>(List.of(), 0));
        });
    }
}
