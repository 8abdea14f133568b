package dev.openmail.adapters.rest.senderrule;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of POST /v1/sender-rules. */
@Serdeable
@Schema(name = "SenderRuleRequest", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record SenderRuleRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"block", "allow"}) String type,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 254,
                description = "An email address or a domain; matched case-insensitively") String value,
        @Nullable @Schema(description = "Pod id or clientId; the rule then applies to that pod's inboxes only")
        String podId) {
}
