package dev.openmail.adapters.persistence.repository;

import dev.openmail.adapters.persistence.SecretBox;
import dev.openmail.adapters.persistence.SqlErrors;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.maildomain.DomainHasInboxesException;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.DomainTakenException;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.out.LoadDomains;
import dev.openmail.domain.port.out.PodGoneException;
import dev.openmail.domain.port.out.SaveDomain;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

@Singleton
final class JdbcDomainStore implements LoadDomains, SaveDomain {

    private final DomainRepository domains;
    private final SecretBox secrets;

    JdbcDomainStore(DomainRepository domains, SecretBox secrets) {
        this.domains = domains;
        this.secrets = secrets;
    }

    @Override
    public Optional<MailDomain> find(AccountId accountId, DomainId id) {
        return domains.findById(accountId.value(), id.value()).map(this::toModel);
    }

    @Override
    public Optional<MailDomain> findForUpdate(AccountId accountId, DomainId id) {
        domains.holdById(accountId.value(), id.value());
        return domains.lockById(accountId.value(), id.value()).map(this::toModel);
    }

    @Override
    public Optional<MailDomain> findByNameForUpdate(AccountId accountId, DomainName name) {
        domains.holdByName(accountId.value(), name.value());
        return domains.lockByName(accountId.value(), name.value()).map(this::toModel);
    }

    @Override
    public Page<MailDomain> list(AccountId accountId, PodId podOrNull, PageRequest page) {
        if (podOrNull == null) {
            return new Page<>(rows(domains.listPage(accountId.value(), page.limit(), page.offset())),
                    domains.countByAccount(accountId.value()));
        }
        return new Page<>(rows(domains.listPageInPod(accountId.value(), podOrNull.value(), page.limit(), page.offset())),
                domains.countInPod(accountId.value(), podOrNull.value()));
    }

    @Override
    public long countNeverVerified(AccountId accountId) {
        return domains.countNeverVerified(accountId.value());
    }

    @Override
    public boolean verifiedByAnyAccount(String lowerCaseName) {
        return domains.countVerifiedNamed(lowerCaseName) > 0;
    }

    @Override
    public List<MailDomain> neverVerifiedAddedBefore(java.time.Instant cutoff, int max) {
        if (max <= 0) {
            return List.of();
        }
        return rows(domains.neverVerifiedBefore(cutoff.toEpochMilli(), max));
    }

    @Override
    public void insert(MailDomain domain) {
        try {
            domains.save(toRow(domain));
        } catch (DataAccessException e) {
            if (SqlErrors.violated(e, "uq_domains_domain")) {
                throw new DomainTakenException(domain.name());
            }
            if (SqlErrors.violated(e, "fk_domains_pod")) {
                throw new PodGoneException();
            }
            throw e;
        }
    }

    @Override
    public boolean update(MailDomain domain) {
        DomainRow row = toRow(domain);
        try {
            return domains.updateState(row.accountId(), row.id(), row.podId(), row.status(), row.mxStatus(),
                    row.spfStatus(), row.dkimStatus(), row.ownershipStatus(), row.verifiedAt()) > 0;
        } catch (DataAccessException e) {
            if (SqlErrors.violated(e, "fk_domains_pod")) {
                throw new PodGoneException();
            }
            throw e;
        }
    }

    @Override
    public boolean remove(MailDomain domain) {
        try {
            return domains.deleteRow(domain.accountId().value(), domain.id().value()) > 0;
        } catch (DataAccessException e) {
            if (SqlErrors.violated(e, "fk_inboxes_domain")) {
                throw new DomainHasInboxesException(domain);
            }
            throw e;
        }
    }

    /** The DKIM private key is stored encrypted, bound to its row. */
    private DomainRow toRow(MailDomain domain) {
        DomainRow r = RowMapping.toRow(domain);
        return new DomainRow(r.id(), r.accountId(), r.podId(), r.domain(), r.status(), r.mxStatus(), r.spfStatus(),
                r.dkimStatus(), r.ownershipStatus(), r.dkimSelector(), r.dkimPublicKey(),
                secrets.seal(r.dkimPrivateKey(), place(r.id())), r.ownershipToken(), r.createdAt(), r.verifiedAt());
    }

    private MailDomain toModel(DomainRow r) {
        return RowMapping.toModel(new DomainRow(r.id(), r.accountId(), r.podId(), r.domain(), r.status(), r.mxStatus(),
                r.spfStatus(), r.dkimStatus(), r.ownershipStatus(), r.dkimSelector(), r.dkimPublicKey(),
                secrets.open(r.dkimPrivateKey(), place(r.id())), r.ownershipToken(), r.createdAt(), r.verifiedAt()));
    }

    static SecretBox.Place place(String domainId) {
        return new SecretBox.Place("domains", "dkim_private_key", domainId);
    }

    private List<MailDomain> rows(List<DomainRow> rows) {
        return rows.stream().map(this::toModel).toList();
    }
}
