package dev.openmail.adapters.rest.inbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of PATCH /v1/inboxes/{id}; null clears a field. */
@Serdeable
@Schema(name = "InboxUpdateRequest", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record InboxPatchRequest(
        @Nullable @Schema(maxLength = 200, nullable = true) String displayName,
        @Nullable @Schema(nullable = true) String webhookUrl) {
}
