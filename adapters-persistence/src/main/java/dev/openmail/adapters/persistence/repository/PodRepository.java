package dev.openmail.adapters.persistence.repository;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface PodRepository extends GenericRepository<PodRow, String> {

    PodRow save(PodRow row);

    @Query("SELECT * FROM pods WHERE account_id = :accountId AND id = :id")
    Optional<PodRow> findById(String accountId, String id);

    @Query("SELECT * FROM pods WHERE account_id = :accountId AND client_id = :clientId")
    Optional<PodRow> findByClientId(String accountId, String clientId);

    @Query("SELECT * FROM pods WHERE account_id = :accountId AND is_default = TRUE FOR UPDATE")
    Optional<PodRow> lockDefault(String accountId);

    @Query("SELECT * FROM pods WHERE account_id = :accountId AND id = :id FOR UPDATE")
    Optional<PodRow> lockById(String accountId, String id);

    @Query("SELECT * FROM pods WHERE account_id = :accountId AND client_id = :clientId FOR UPDATE")
    Optional<PodRow> lockByClientId(String accountId, String clientId);

    /** Writes the row so that a transaction holding it conflicts with every other holder, on any Galera node. */
    @Query("UPDATE pods SET lock_seq = lock_seq + 1 WHERE account_id = :accountId AND is_default = TRUE")
    int holdDefault(String accountId);

    @Query("UPDATE pods SET lock_seq = lock_seq + 1 WHERE account_id = :accountId AND id = :id")
    int holdById(String accountId, String id);

    @Query("UPDATE pods SET lock_seq = lock_seq + 1 WHERE account_id = :accountId AND client_id = :clientId")
    int holdByClientId(String accountId, String clientId);

    /* account_id leads the ORDER BY so that H2, like MySQL, reads the page in the order of ix_pods_listed. */
    @Query("SELECT * FROM pods WHERE account_id = :accountId ORDER BY account_id, is_default DESC, created_at, id LIMIT :limit OFFSET :offset")
    List<PodRow> listPage(String accountId, int limit, long offset);

    @Query("SELECT COUNT(*) FROM pods WHERE account_id = :accountId")
    long countByAccount(String accountId);

    @Query("UPDATE pods SET client_id = :clientId, name = :name WHERE account_id = :accountId AND id = :id")
    long updateNames(String accountId, String id, @Nullable String clientId, @Nullable String name);

    @Query("DELETE FROM pods WHERE account_id = :accountId AND id = :id")
    long deleteRow(String accountId, String id);

    @Query("SELECT COUNT(*) FROM (SELECT 1 FROM inboxes WHERE account_id = :accountId AND pod_id = :podId LIMIT 1) AS probe")
    long countInboxesUpToOne(String accountId, String podId);

    @Query("SELECT COUNT(*) FROM (SELECT 1 FROM domains WHERE account_id = :accountId AND pod_id = :podId LIMIT 1) AS probe")
    long countScopedDomainsUpToOne(String accountId, String podId);
}
