package dev.openmail.adapters.rest.maildomain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of PATCH /v1/domains/{id}: the domain's new scope. */
@Serdeable
@Schema(name = "DomainUpdateRequest", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record DomainPatchRequest(
        @Nullable @Schema(nullable = true, description = "Pod id or clientId to scope the domain to; null makes it account-wide.")
        String podId) {
}
