package dev.openmail.adapters.rest.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openmail.adapters.rest.json.Timestamps;
import dev.openmail.domain.webhook.WebhookAttempt;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One entry of a webhook delivery log.
 *
 * @param attempt    1 to 5 for a POST; 0 when nothing was posted ({@code outcome} says why)
 * @param statusCode the webhook's HTTP status; null when none was read
 * @param outcome    {@code succeeded}, {@code failed}, {@code no_webhook} or {@code websocket}
 */
@Serdeable
@Schema(name = "WebhookDelivery")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WebhookDeliveryView(String eventId, String event, @Nullable String inboxId, int attempt,
                                  @Schema(format = "date-time") String attemptedAt, @Nullable String url,
                                  @Nullable Integer statusCode, @Nullable String error, long latencyMs,
                                  String outcome) {

    static WebhookDeliveryView of(WebhookAttempt attempt) {
        return new WebhookDeliveryView(attempt.eventId().value(), attempt.eventType(),
                attempt.inboxId() == null ? null : attempt.inboxId().value(), attempt.attempt(),
                Timestamps.format(attempt.at()), attempt.url(),
                attempt.statusCode() == 0 ? null : attempt.statusCode(), attempt.error(), attempt.latencyMillis(),
                attempt.outcome().wireName());
    }
}
