package dev.openmail.adapters.rest.inbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of POST /v1/inboxes: every field is optional. */
@Serdeable
@Schema(name = "InboxCreateRequest", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record InboxRequest(
        @Nullable @Schema(description = "Pod id or clientId; the default pod when omitted.") String podId,
        @Nullable @Schema(minLength = 3, maxLength = 30, description = "Local part; random when omitted.") String mailboxName,
        @Nullable @Schema(maxLength = 200) String displayName,
        @Nullable @Schema(description = "A verified custom domain the pod may use; the installation's domain when omitted.") String domain,
        @Nullable @Schema(description = "http(s) URL for this inbox's events; a signing secret is returned once.") String webhookUrl) {
}
