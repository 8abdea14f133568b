package dev.openmail.adapters.rest.suppression;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of POST /v1/suppressions. */
@Serdeable
@Schema(name = "SuppressionRequest", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record SuppressionRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "email", maxLength = 254) String address,
        @Nullable @Schema(allowableValues = {"bounce", "complaint", "unsub"}, description = "Default unsub") String type,
        @Nullable @Schema(maxLength = 1000, description = "A note kept with the suppression") String reason) {
}
