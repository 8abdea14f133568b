package dev.openmail.adapters.rest.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openmail.domain.usage.InboxUsage;
import dev.openmail.domain.usage.StorageQuota;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

@Serdeable
@Schema(name = "InboxUsage", description = "What one inbox received, sent and holds. storedBytes counts each message's"
        + " raw form plus its attachments' decoded bytes, as stored.")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record InboxUsageView(String inboxId, String podId, long inboundMessages, long outboundMessages,
                             long storedBytes,
                             @Nullable @Schema(nullable = true, description = "The inbox's storage quota in bytes;"
                                     + " null when there is none") Long quotaBytes) {

    static InboxUsageView of(InboxUsage usage, StorageQuota quota) {
        return new InboxUsageView(usage.inboxId().value(), usage.podId().value(), usage.inboundMessages(),
                usage.outboundMessages(), usage.storedBytes(), quotaBytes(quota));
    }

    static Long quotaBytes(StorageQuota quota) {
        return quota.isUnlimited() ? null : quota.bytes();
    }
}
