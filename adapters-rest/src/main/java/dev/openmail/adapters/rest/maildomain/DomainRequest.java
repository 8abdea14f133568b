package dev.openmail.adapters.rest.maildomain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of POST /v1/domains. */
@Serdeable
@Schema(name = "DomainCreateRequest", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record DomainRequest(
        @Schema(description = "The domain name; Unicode names are stored in their ASCII (IDNA) form.") String domain,
        @Nullable @Schema(description = "Pod id or clientId to scope the domain to; account-wide when omitted.") String podId) {
}
