package dev.openmail.adapters.persistence.repository;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

@MappedEntity("api_keys")
public record ApiKeyRow(@Id String id, String accountId, @Nullable String podId, @Nullable String inboxId,
                        String tokenHash, String tokenPrefix, String last4, @Nullable String name, long createdAt,
                        @Nullable Long lastUsedAt) {
}
