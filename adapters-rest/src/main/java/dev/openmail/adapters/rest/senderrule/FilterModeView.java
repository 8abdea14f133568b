package dev.openmail.adapters.rest.senderrule;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The filter mode, as read and as written by PUT /v1/sender-rules/mode. */
@Serdeable
@Schema(name = "FilterMode", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record FilterModeView(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"none", "allowlist"}) String filterMode) {
}
