package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.pod.PodId;

import java.util.List;
import java.util.Optional;

public interface LoadDomains {

    Optional<MailDomain> find(AccountId accountId, DomainId id);

    /**
     * Like {@link #find}, and holds the domain until the transaction ends, so that its scope cannot change while an
     * inbox is being put on it, nor inboxes be put on it while its scope changes.
     */
    Optional<MailDomain> findForUpdate(AccountId accountId, DomainId id);

    /** By name within the account, held like {@link #findForUpdate}. */
    Optional<MailDomain> findByNameForUpdate(AccountId accountId, DomainName name);

    /** Oldest first, id as tie-break; only domains scoped to {@code podOrNull} when given. */
    Page<MailDomain> list(AccountId accountId, PodId podOrNull, PageRequest page);

    /** How many of the account's domains were never verified (pending or failed since they were added). */
    long countNeverVerified(AccountId accountId);

    /**
     * Whether {@code lowerCaseName} is a domain some account of this installation has verified (it is hosted here,
     * whichever account holds it).
     */
    boolean verifiedByAnyAccount(String lowerCaseName);

    /** Up to {@code max} domains of any account never verified and added before {@code cutoff}, oldest first. */
    List<MailDomain> neverVerifiedAddedBefore(java.time.Instant cutoff, int max);
}
