package dev.openmail.adapters.rest.pod;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of POST and PATCH /v1/pods: both fields are optional, and on PATCH null clears a field. */
@Serdeable
@Schema(name = "PodRequest", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record PodRequest(
        @Nullable @Schema(maxLength = 255, nullable = true, pattern = "^[A-Za-z0-9._:@-]+$",
                description = "Your own identifier for the pod: unique in the account, case-sensitive, not starting with pod_.")
        String clientId,
        @Nullable @Schema(maxLength = 255, nullable = true, description = "Human-readable label.")
        String name) {
}
