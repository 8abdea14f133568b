package dev.openmail.adapters.rest.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openmail.domain.usage.AccountUsage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

@Serdeable
@Schema(name = "AccountUsage", description = "The account's totals over all its inboxes.")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AccountUsageView(long inboundMessages, long outboundMessages, long storedBytes,
                               @Nullable @Schema(nullable = true, description = "The account's storage quota in"
                                       + " bytes; null when there is none") Long quotaBytes) {

    static AccountUsageView of(AccountUsage usage) {
        return new AccountUsageView(usage.inboundMessages(), usage.outboundMessages(), usage.storedBytes(),
                InboxUsageView.quotaBytes(usage.quota()));
    }
}
