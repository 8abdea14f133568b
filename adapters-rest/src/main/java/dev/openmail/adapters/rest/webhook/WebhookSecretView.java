package dev.openmail.adapters.rest.webhook;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** A newly issued signing secret. */
@Serdeable
@Schema(name = "WebhookSecret")
public record WebhookSecretView(String webhookSecret) {
}
