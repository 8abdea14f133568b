package dev.openmail.adapters.persistence.repository;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

@MappedEntity("domains")
public record DomainRow(@Id String id, String accountId, @Nullable String podId, String domain, String status,
                        String mxStatus, String spfStatus, String dkimStatus, String ownershipStatus,
                        String dkimSelector, String dkimPublicKey, String dkimPrivateKey, String ownershipToken,
                        long createdAt, @Nullable Long verifiedAt) {
}
