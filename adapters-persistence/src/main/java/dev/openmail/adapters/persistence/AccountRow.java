package dev.openmail.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

/** A row of {@code accounts}; times are UTC wall-clock values, which every supported database stores unchanged. */
@MappedEntity("accounts")
public record AccountRow(@Id String id, @Nullable String name, int inboxLimit, LocalDateTime createdAt) {
}
