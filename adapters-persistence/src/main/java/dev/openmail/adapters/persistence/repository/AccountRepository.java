package dev.openmail.adapters.persistence.repository;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface AccountRepository extends GenericRepository<AccountRow, String> {

    AccountRow save(AccountRow row);

    @Query("SELECT * FROM accounts WHERE id = :id")
    Optional<AccountRow> findRow(String id);

    @Query("SELECT * FROM accounts WHERE id = :id FOR UPDATE")
    Optional<AccountRow> lockRow(String id);

    /** Writes the row so that a transaction holding it conflicts with every other holder, on any Galera node. */
    @Query("UPDATE accounts SET lock_seq = lock_seq + 1 WHERE id = :id")
    int hold(String id);

    @Query("SELECT * FROM accounts ORDER BY created_at, id LIMIT :limit OFFSET :offset")
    List<AccountRow> listPage(int limit, long offset);

    @Query("SELECT COUNT(*) FROM accounts")
    long countAll();

    @Query("SELECT COUNT(*) FROM (SELECT 1 FROM accounts LIMIT 1) AS probe")
    long countUpToOne();

    @Query("UPDATE accounts SET name = :name, inbox_limit = :inboxLimit, storage_quota_bytes = :storageQuotaBytes,"
            + " drop_spoofed_local_mail = :dropSpoofedLocalMail WHERE id = :id")
    long updateRow(String id, @Nullable String name, int inboxLimit, @Nullable Long storageQuotaBytes,
                   boolean dropSpoofedLocalMail);
}
