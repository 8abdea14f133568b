package dev.openmail.adapters.rest.apikey;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body that mints a key; documents the API, while the controller reads the body itself. */
@Serdeable
@Schema(name = "ApiKeyRequest", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record ApiKeyRequest(@Nullable @Schema(maxLength = 255, nullable = true) String name) {
}
