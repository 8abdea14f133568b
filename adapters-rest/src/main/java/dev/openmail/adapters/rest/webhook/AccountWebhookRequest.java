package dev.openmail.adapters.rest.webhook;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of PUT /v1/webhook: where the account's events go when their inbox has no webhook. */
@Serdeable
@Schema(name = "AccountWebhookRequest", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record AccountWebhookRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 2048) String webhookUrl) {
}
