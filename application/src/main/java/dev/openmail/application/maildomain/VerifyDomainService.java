package dev.openmail.application.maildomain;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.maildomain.DnsCheckUnavailableException;
import dev.openmail.domain.maildomain.DnsEvidence;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.maildomain.MxHost;
import dev.openmail.domain.port.in.VerifyDomain;
import dev.openmail.domain.port.out.DnsLookup;
import dev.openmail.domain.port.out.DnsUnavailableException;
import dev.openmail.domain.port.out.LoadDomains;
import dev.openmail.domain.port.out.SaveDomain;
import dev.openmail.domain.port.out.Transactions;

import java.time.Clock;

/** Asks DNS outside any transaction (it may be slow), then records the verdict on the domain as it is by then. */
public final class VerifyDomainService implements VerifyDomain {

    private final Transactions transactions;
    private final LoadDomains loadDomains;
    private final SaveDomain saveDomain;
    private final DnsLookup dns;
    private final MxHost mxHost;
    private final Clock clock;

    public VerifyDomainService(Transactions transactions, LoadDomains loadDomains, SaveDomain saveDomain, DnsLookup dns,
                               MxHost mxHost, Clock clock) {
        this.transactions = transactions;
        this.loadDomains = loadDomains;
        this.saveDomain = saveDomain;
        this.dns = dns;
        this.mxHost = mxHost;
        this.clock = clock;
    }

    @Override
    public MailDomain verify(Caller caller, DomainId domainId) {
        AccountId accountId = caller.accountId();
        Access.requireKind(caller, Action.MANAGE_DOMAINS);
        MailDomain domain = loadDomains.find(accountId, domainId).orElseThrow(() -> MailDomain.notFound(domainId.value()));
        Access.require(caller, Action.MANAGE_DOMAINS, domain.place());
        DnsEvidence evidence;
        try {
            evidence = new DnsEvidence(
                    dns.mx(domain.name().value()).stream()
                            .map(mx -> new DnsEvidence.Mx(mx.priority(), mx.exchange())).toList(),
                    dns.txt(domain.name().value()),
                    dns.txt(domain.dkimHost()),
                    dns.txt(domain.ownershipHost()));
        } catch (DnsUnavailableException e) {
            throw new DnsCheckUnavailableException(domain.name());
        }
        return transactions.inTransaction(() -> {
            MailDomain current = loadDomains.findForUpdate(accountId, domainId)
                    .orElseThrow(() -> MailDomain.notFound(domainId.value()));
            MailDomain checked = current.checkedAgainst(evidence, mxHost, clock.instant());
            saveDomain.update(checked);
            return checked;
        });
    }
}
