package dev.openmail.adapters.persistence.repository;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface DomainRepository extends GenericRepository<DomainRow, String> {

    DomainRow save(DomainRow row);

    @Query("SELECT * FROM domains WHERE account_id = :accountId AND id = :id")
    Optional<DomainRow> findById(String accountId, String id);

    @Query("SELECT * FROM domains WHERE account_id = :accountId AND id = :id FOR UPDATE")
    Optional<DomainRow> lockById(String accountId, String id);

    @Query("SELECT * FROM domains WHERE account_id = :accountId AND domain = :domain FOR UPDATE")
    Optional<DomainRow> lockByName(String accountId, String domain);

    /** Writes the row so that a transaction holding it conflicts with every other holder, on any Galera node. */
    @Query("UPDATE domains SET lock_seq = lock_seq + 1 WHERE account_id = :accountId AND id = :id")
    int holdById(String accountId, String id);

    @Query("UPDATE domains SET lock_seq = lock_seq + 1 WHERE account_id = :accountId AND domain = :domain")
    int holdByName(String accountId, String domain);

    @Query("SELECT * FROM domains WHERE account_id = :accountId ORDER BY created_at, id LIMIT :limit OFFSET :offset")
    List<DomainRow> listPage(String accountId, int limit, long offset);

    @Query("SELECT COUNT(*) FROM domains WHERE account_id = :accountId")
    long countByAccount(String accountId);

    @Query("SELECT * FROM domains WHERE account_id = :accountId AND pod_id = :podId ORDER BY created_at, id LIMIT :limit OFFSET :offset")
    List<DomainRow> listPageInPod(String accountId, String podId, int limit, long offset);

    @Query("SELECT COUNT(*) FROM domains WHERE account_id = :accountId AND pod_id = :podId")
    long countInPod(String accountId, String podId);

    @Query("UPDATE domains SET pod_id = :podId, status = :status, mx_status = :mxStatus, spf_status = :spfStatus, dkim_status = :dkimStatus, ownership_status = :ownershipStatus, verified_at = :verifiedAt WHERE account_id = :accountId AND id = :id")
    long updateState(String accountId, String id, @Nullable String podId, String status, String mxStatus,
                     String spfStatus, String dkimStatus, String ownershipStatus, @Nullable Long verifiedAt);

    @Query("SELECT COUNT(*) FROM domains WHERE account_id = :accountId AND verified_at IS NULL")
    long countNeverVerified(String accountId);

    @Query("SELECT * FROM domains WHERE verified_at IS NULL AND created_at < :cutoff ORDER BY created_at, id LIMIT :max")
    List<DomainRow> neverVerifiedBefore(long cutoff, int max);

    @Query("SELECT COUNT(*) FROM domains WHERE domain = :domain AND verified_at IS NOT NULL")
    long countVerifiedNamed(String domain);

    @Query("DELETE FROM domains WHERE account_id = :accountId AND id = :id")
    long deleteRow(String accountId, String id);
}
