package dev.openmail.adapters.rest.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of PUT /admin/v1/accounts/{id}/send-limits: the account's limits, each replacing the server's setting; a
 * field absent or null takes the setting, 0 lifts the cap.
 */
@Serdeable
@Schema(name = "SendLimitsRequest", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record SendLimitsRequest(
        @Nullable @Schema(minimum = "0", maximum = "1000000", nullable = true,
                description = "Messages one inbox may send a minute (OPENMAIL_SEND_BURST_PER_MINUTE).")
        Integer burstPerMinute,
        @Nullable @Schema(minimum = "0", maximum = "1000000", nullable = true,
                description = "Messages one inbox may send a UTC day (OPENMAIL_SEND_DAILY_PER_INBOX).")
        Integer dailyPerInbox,
        @Nullable @Schema(minimum = "0", maximum = "1000000", nullable = true,
                description = "Cold recipients one inbox may send to a UTC day in its first 30 days"
                        + " (OPENMAIL_COLD_PER_INBOX_NEW).")
        Integer coldPerInboxNew,
        @Nullable @Schema(minimum = "0", maximum = "1000000", nullable = true,
                description = "Cold recipients the account's inboxes together may send to a UTC day in the account's"
                        + " first 30 days (OPENMAIL_COLD_PER_ACCOUNT_NEW).")
        Integer coldPerAccountNew,
        @Nullable @Schema(minimum = "0", maximum = "1000000", nullable = true,
                description = "The same after the account's first 30 days (OPENMAIL_COLD_PER_ACCOUNT).")
        Integer coldPerAccount) {
}
