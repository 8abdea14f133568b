package dev.openmail.application.maildomain;

import dev.openmail.domain.maildomain.DomainHasInboxesException;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.maildomain.PendingDomains;
import dev.openmail.domain.port.in.ExpirePendingDomains;
import dev.openmail.domain.port.out.LoadDomains;
import dev.openmail.domain.port.out.SaveDomain;
import dev.openmail.domain.port.out.Transactions;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Removes domains never verified within the pending period, so that a name added and left unverified is free again
 * for whoever can verify it. Each domain is removed in a transaction of its own, after being read again under its
 * lock: one verified meanwhile stays. Safe to run from several processes at once.
 */
public final class ExpirePendingDomainsService implements ExpirePendingDomains {

    private final Transactions transactions;
    private final LoadDomains loadDomains;
    private final SaveDomain saveDomain;
    private final PendingDomains pending;
    private final Clock clock;

    public ExpirePendingDomainsService(Transactions transactions, LoadDomains loadDomains, SaveDomain saveDomain,
                                       PendingDomains pending, Clock clock) {
        this.transactions = transactions;
        this.loadDomains = loadDomains;
        this.saveDomain = saveDomain;
        this.pending = pending;
        this.clock = clock;
    }

    @Override
    public int expire(int max) {
        Instant now = clock.instant();
        List<MailDomain> expired = transactions.inTransaction(() ->
                loadDomains.neverVerifiedAddedBefore(pending.expiredBefore(now), max));
        int removed = 0;
        for (MailDomain candidate : expired) {
            boolean gone = transactions.inTransaction(() -> loadDomains
                    .findForUpdate(candidate.accountId(), candidate.id())
                    .filter(domain -> pending.hasExpired(domain, now))
                    .map(this::removeUnlessUsed).orElse(false));
            if (gone) {
                removed++;
            }
        }
        return removed;
    }

    private boolean removeUnlessUsed(MailDomain domain) {
        try {
            return saveDomain.remove(domain);
        } catch (DomainHasInboxesException used) {
            // Never verified, so no inbox could be made on it; kept all the same if one is.
            return false;
        }
    }
}
