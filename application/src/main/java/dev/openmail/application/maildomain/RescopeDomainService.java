package dev.openmail.application.maildomain;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.access.Place;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.pod.InvalidPodException;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.DomainScope;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.RescopeDomain;
import dev.openmail.domain.port.out.LoadDomains;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.PodGoneException;
import dev.openmail.domain.port.out.SaveDomain;
import dev.openmail.domain.port.out.Transactions;

public final class RescopeDomainService implements RescopeDomain {

    private final Transactions transactions;
    private final LoadDomains loadDomains;
    private final LoadPods loadPods;
    private final LoadInboxes loadInboxes;
    private final SaveDomain saveDomain;

    public RescopeDomainService(Transactions transactions, LoadDomains loadDomains, LoadPods loadPods,
                                LoadInboxes loadInboxes, SaveDomain saveDomain) {
        this.transactions = transactions;
        this.loadDomains = loadDomains;
        this.loadPods = loadPods;
        this.loadInboxes = loadInboxes;
        this.saveDomain = saveDomain;
    }

    @Override
    public MailDomain rescope(Caller caller, DomainId domainId, PodRef podOrNull) {
        AccountId accountId = caller.accountId();
        Access.requireKind(caller, Action.MANAGE_DOMAINS);
        return transactions.inTransaction(() -> {
            // The pod before the domain: the order in which inbox creation holds them, so the two never deadlock.
            DomainScope target = podOrNull == null ? DomainScope.ACCOUNT_WIDE : DomainScope.of(
                    loadPods.findForUpdate(accountId, podOrNull).orElseThrow(() -> new InvalidPodException(podOrNull.text())).id());
            if (target.podOrNull() != null) {
                Access.require(caller, Action.MANAGE_DOMAINS, Place.pod(target.podOrNull()));
            }
            MailDomain domain = loadDomains.findForUpdate(accountId, domainId)
                    .orElseThrow(() -> MailDomain.notFound(domainId.value()));
            Access.require(caller, Action.MANAGE_DOMAINS, domain.place());
            MailDomain rescoped = domain.rescope(target, loadInboxes.podsWithInboxesOn(accountId, domainId));
            try {
                if (!saveDomain.update(rescoped)) {
                    throw MailDomain.notFound(domainId.value());
                }
            } catch (PodGoneException deletedMeanwhile) {
                throw new InvalidPodException(podOrNull == null ? "" : podOrNull.text());
            }
            return rescoped;
        });
    }
}
