package dev.openmail.adapters.rest.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openmail.domain.port.in.GetUsage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

@Serdeable
@Schema(name = "Usage", description = "A page of per-inbox usage ({data, total} as every list), and the account's"
        + " totals, which only an account-wide key sees (null for a pod or inbox key).")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UsageView(List<InboxUsageView> data, long total, @Nullable AccountUsageView account) {

    static UsageView of(GetUsage.Usage usage) {
        return new UsageView(usage.inboxes().items().stream()
                .map(inbox -> InboxUsageView.of(inbox, usage.inboxQuota())).toList(), usage.inboxes().total(),
                usage.accountOrNull() == null ? null : AccountUsageView.of(usage.accountOrNull()));
    }
}
