package dev.openmail.adapters.persistence.repository;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

@MappedEntity("inboxes")
public record InboxRow(@Id String id, String accountId, String podId, @Nullable String domainId, String address,
                       @Nullable String displayName, @Nullable String webhookUrl, @Nullable String webhookSecret,
                       long createdAt) {
}
