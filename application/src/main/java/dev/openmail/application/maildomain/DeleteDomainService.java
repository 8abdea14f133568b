package dev.openmail.application.maildomain;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.port.in.DeleteDomain;
import dev.openmail.domain.port.out.LoadDomains;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.SaveDomain;
import dev.openmail.domain.port.out.Transactions;

public final class DeleteDomainService implements DeleteDomain {

    private final Transactions transactions;
    private final LoadDomains loadDomains;
    private final LoadInboxes loadInboxes;
    private final SaveDomain saveDomain;

    public DeleteDomainService(Transactions transactions, LoadDomains loadDomains, LoadInboxes loadInboxes,
                               SaveDomain saveDomain) {
        this.transactions = transactions;
        this.loadDomains = loadDomains;
        this.loadInboxes = loadInboxes;
        this.saveDomain = saveDomain;
    }

    @Override
    public void delete(Caller caller, DomainId domainId) {
        AccountId accountId = caller.accountId();
        Access.requireKind(caller, Action.MANAGE_DOMAINS);
        transactions.inTransaction(() -> {
            MailDomain domain = loadDomains.findForUpdate(accountId, domainId)
                    .orElseThrow(() -> MailDomain.notFound(domainId.value()));
            Access.require(caller, Action.MANAGE_DOMAINS, domain.place());
            domain.ensureDeletable(!loadInboxes.podsWithInboxesOn(accountId, domainId).isEmpty());
            if (!saveDomain.remove(domain)) {
                throw MailDomain.notFound(domainId.value());
            }
        });
    }
}
