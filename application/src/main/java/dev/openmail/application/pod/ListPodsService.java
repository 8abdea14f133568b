package dev.openmail.application.pod;

import dev.openmail.domain.account.AccountId;
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
    public Page<Pod> list(AccountId accountId, PageRequest page) {
        // One transaction and one connection for both queries; on MySQL's repeatable reads they also see one moment.
        return transactions.inTransaction(() -> loadPods.list(accountId, page));
    }
}
