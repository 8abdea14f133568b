package dev.openmail.adapters.persistence.repository;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A row of {@code accounts}. Times are epoch milliseconds: no driver or server time zone can shift them. A null
 * storage quota takes the installation's.
 */
@MappedEntity("accounts")
public record AccountRow(@Id String id, @Nullable String name, int inboxLimit, long createdAt,
                         boolean dropSpoofedLocalMail, @Nullable Long storageQuotaBytes) {
}
