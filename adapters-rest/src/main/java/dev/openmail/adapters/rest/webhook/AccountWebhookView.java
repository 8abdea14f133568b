package dev.openmail.adapters.rest.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openmail.domain.inbox.WebhookSecret;
import dev.openmail.domain.webhook.AccountWebhook;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The account's webhook on the wire: its URL (null when none is set); the secret only in the answer that issued it. */
@Serdeable
@Schema(name = "AccountWebhook")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AccountWebhookView(@Nullable String webhookUrl,
                                 @Nullable @JsonInclude(JsonInclude.Include.NON_NULL) String webhookSecret) {

    static AccountWebhookView of(AccountWebhook webhook, WebhookSecret issuedSecret) {
        return new AccountWebhookView(webhook == null ? null : webhook.url().value(),
                issuedSecret == null ? null : issuedSecret.value());
    }
}
