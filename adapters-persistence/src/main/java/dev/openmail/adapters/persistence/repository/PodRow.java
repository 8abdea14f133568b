package dev.openmail.adapters.persistence.repository;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

@MappedEntity("pods")
public record PodRow(@Id String id, String accountId, @Nullable String clientId, @Nullable String name,
                     @MappedProperty("is_default") boolean defaultPod, long createdAt) {
}
