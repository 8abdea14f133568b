package dev.openmail.application.maildomain;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.port.in.GetDomain;
import dev.openmail.domain.port.out.LoadDomains;
import dev.openmail.domain.port.out.Transactions;

public final class GetDomainService implements GetDomain {

    private final Transactions transactions;
    private final LoadDomains loadDomains;

    public GetDomainService(Transactions transactions, LoadDomains loadDomains) {
        this.transactions = transactions;
        this.loadDomains = loadDomains;
    }

    @Override
    public MailDomain get(Caller caller, DomainId domainId) {
        AccountId accountId = caller.accountId();
        Access.requireKind(caller, Action.MANAGE_DOMAINS);
        MailDomain domain = transactions.reading(() -> loadDomains.find(accountId, domainId))
                .orElseThrow(() -> MailDomain.notFound(domainId.value()));
        Access.require(caller, Action.MANAGE_DOMAINS, domain.place());
        return domain;
    }
}
