package dev.openmail.application.maildomain;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.ListDomains;
import dev.openmail.domain.port.out.LoadDomains;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.Transactions;

import java.util.List;

public final class ListDomainsService implements ListDomains {

    private final Transactions transactions;
    private final LoadPods loadPods;
    private final LoadDomains loadDomains;

    public ListDomainsService(Transactions transactions, LoadPods loadPods, LoadDomains loadDomains) {
        this.transactions = transactions;
        this.loadPods = loadPods;
        this.loadDomains = loadDomains;
    }

    @Override
    public Page<MailDomain> list(Caller caller, PodRef podOrNull, PageRequest page) {
        AccountId accountId = caller.accountId();
        Access.requireKind(caller, Action.MANAGE_DOMAINS);
        return transactions.reading(() -> {
            if (podOrNull == null) {
                return loadDomains.list(accountId, null, page);
            }
            return loadPods.find(accountId, podOrNull)
                    .map(pod -> loadDomains.list(accountId, pod.id(), page))
                    .orElseGet(() -> new Page<>(List.of(), 0));
        });
    }
}
