package dev.openmail.adapters.persistence.repository;

import dev.openmail.adapters.persistence.SqlErrors;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.pod.ClientIdTakenException;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodHasDomainsException;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.pod.PodNotEmptyException;
import dev.openmail.domain.pod.PodOccupancy;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.out.InspectPodContents;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.RemovePod;
import dev.openmail.domain.port.out.SavePod;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

import java.util.Optional;

@Singleton
final class JdbcPodStore implements LoadPods, SavePod, InspectPodContents, RemovePod {

    private final PodRepository pods;

    JdbcPodStore(PodRepository pods) {
        this.pods = pods;
    }

    @Override
    public Optional<Pod> find(AccountId accountId, PodRef ref) {
        Optional<PodRow> row = ref instanceof PodRef.ById byId
                ? pods.findById(accountId.value(), byId.id().value())
                : pods.findByClientId(accountId.value(), ((PodRef.ByClientId) ref).clientId().value());
        return row.map(RowMapping::toModel);
    }

    @Override
    public Pod findDefaultForUpdate(AccountId accountId) {
        pods.holdDefault(accountId.value());
        return pods.lockDefault(accountId.value()).map(RowMapping::toModel)
                .orElseThrow(() -> new IllegalStateException("account " + accountId + " has no default pod"));
    }

    @Override
    public Optional<Pod> findForUpdate(AccountId accountId, PodRef ref) {
        Optional<PodRow> row;
        if (ref instanceof PodRef.ById byId) {
            pods.holdById(accountId.value(), byId.id().value());
            row = pods.lockById(accountId.value(), byId.id().value());
        } else {
            String clientId = ((PodRef.ByClientId) ref).clientId().value();
            pods.holdByClientId(accountId.value(), clientId);
            row = pods.lockByClientId(accountId.value(), clientId);
        }
        return row.map(RowMapping::toModel);
    }

    @Override
    public Page<Pod> list(AccountId accountId, PageRequest page) {
        return new Page<>(pods.listPage(accountId.value(), page.limit(), page.offset()).stream().map(RowMapping::toModel).toList(),
                pods.countByAccount(accountId.value()));
    }

    @Override
    public void insert(Pod pod) {
        try {
            pods.save(RowMapping.toRow(pod));
        } catch (DataAccessException e) {
            throw translateClientIdClash(e, pod);
        }
    }

    @Override
    public boolean update(Pod pod) {
        PodRow row = RowMapping.toRow(pod);
        try {
            return pods.updateNames(row.accountId(), row.id(), row.clientId(), row.name()) > 0;
        } catch (DataAccessException e) {
            throw translateClientIdClash(e, pod);
        }
    }

    @Override
    public PodOccupancy occupancy(AccountId accountId, PodId podId) {
        return new PodOccupancy(pods.countInboxesUpToOne(accountId.value(), podId.value()) > 0,
                pods.countScopedDomainsUpToOne(accountId.value(), podId.value()) > 0);
    }

    @Override
    public void remove(Pod pod) {
        try {
            pods.deleteRow(pod.accountId().value(), pod.id().value());
        } catch (DataAccessException e) {
            // The foreign keys catch what the occupancy check could not see: a row added by a concurrent transaction.
            // Which guardrail to report is the domain's rule, so it is asked again with what is there now.
            if (SqlErrors.violated(e, "fk_inboxes_pod") || SqlErrors.violated(e, "fk_domains_pod")) {
                pod.ensureDeletable(occupancy(pod.accountId(), pod.id()));
                // A repeatable-read snapshot may hide the row the key ran into; the key itself still says what it is.
                throw SqlErrors.violated(e, "fk_inboxes_pod") ? new PodNotEmptyException(pod) : new PodHasDomainsException(pod);
            }
            throw e;
        }
    }

    private static RuntimeException translateClientIdClash(DataAccessException e, Pod pod) {
        if (pod.clientId() != null && SqlErrors.violated(e, "uq_pods_client_id")) {
            return new ClientIdTakenException(pod.clientId());
        }
        return e;
    }
}
