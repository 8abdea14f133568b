package dev.openmail.adapters.persistence.repository;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface ApiKeyRepository extends GenericRepository<ApiKeyRow, String> {

    ApiKeyRow save(ApiKeyRow row);

    @Query("SELECT * FROM api_keys WHERE token_hash = :tokenHash")
    Optional<ApiKeyRow> findByTokenHash(String tokenHash);

    @Query("SELECT * FROM api_keys WHERE account_id = :accountId AND id = :id")
    Optional<ApiKeyRow> findById(String accountId, String id);

    @Query("SELECT * FROM api_keys WHERE account_id = :accountId AND pod_id IS NULL ORDER BY created_at, id LIMIT :limit OFFSET :offset")
    List<ApiKeyRow> listAccountWide(String accountId, int limit, long offset);

    @Query("SELECT COUNT(*) FROM api_keys WHERE account_id = :accountId AND pod_id IS NULL")
    int countAccountWide(String accountId);

    @Query("SELECT * FROM api_keys WHERE account_id = :accountId AND pod_id = :podId AND inbox_id IS NULL ORDER BY created_at, id LIMIT :limit OFFSET :offset")
    List<ApiKeyRow> listOfPod(String accountId, String podId, int limit, long offset);

    @Query("SELECT COUNT(*) FROM api_keys WHERE account_id = :accountId AND pod_id = :podId AND inbox_id IS NULL")
    int countOfPod(String accountId, String podId);

    @Query("SELECT * FROM api_keys WHERE account_id = :accountId AND pod_id = :podId AND inbox_id = :inboxId ORDER BY created_at, id LIMIT :limit OFFSET :offset")
    List<ApiKeyRow> listOfInbox(String accountId, String podId, String inboxId, int limit, long offset);

    @Query("SELECT COUNT(*) FROM api_keys WHERE account_id = :accountId AND pod_id = :podId AND inbox_id = :inboxId")
    int countOfInbox(String accountId, String podId, String inboxId);

    @Query("DELETE FROM api_keys WHERE account_id = :accountId AND id = :id")
    long deleteRow(String accountId, String id);

    @Query("UPDATE api_keys SET last_used_at = :lastUsedAt WHERE account_id = :accountId AND id = :id AND (last_used_at IS NULL OR last_used_at < :lastUsedAt)")
    long stampUsage(String accountId, String id, long lastUsedAt);
}
