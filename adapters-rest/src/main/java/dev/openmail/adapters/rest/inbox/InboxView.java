package dev.openmail.adapters.rest.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openmail.adapters.rest.json.Timestamps;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.WebhookSecret;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** An inbox on the wire. The webhook secret appears only in the answer that issued it. */
@Serdeable
@Schema(name = "Inbox")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record InboxView(String id, String podId, String address, @Nullable String displayName,
                        @Nullable String webhookUrl,
                        @Nullable @JsonInclude(JsonInclude.Include.NON_NULL) String webhookSecret,
                        @Schema(format = "date-time") String createdAt) {

    public static InboxView of(Inbox inbox, WebhookSecret issuedSecret) {
        return new InboxView(inbox.id().value(), inbox.podId().value(), inbox.address().value(),
                inbox.displayName() == null ? null : inbox.displayName().value(),
                inbox.webhookUrl() == null ? null : inbox.webhookUrl().value(),
                issuedSecret == null ? null : issuedSecret.value(), Timestamps.format(inbox.createdAt()));
    }

    public static InboxView of(Inbox inbox) {
        return of(inbox, null);
    }
}
