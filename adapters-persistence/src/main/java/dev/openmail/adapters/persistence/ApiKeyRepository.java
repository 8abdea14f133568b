package dev.openmail.adapters.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface ApiKeyRepository extends GenericRepository<ApiKeyRow, String> {

    ApiKeyRow save(ApiKeyRow row);

    @Query("SELECT * FROM api_keys WHERE token_hash = :tokenHash")
    Optional<ApiKeyRow> findByTokenHash(String tokenHash);
}
