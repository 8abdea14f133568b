package dev.openmail.adapters.rest.webhook;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer to a test delivery the webhook took. */
@Serdeable
@Schema(name = "WebhookTestResult")
public record WebhookTestView(boolean ok, String message) {
}
