package dev.openmail.adapters.rest.usage;

import dev.openmail.adapters.rest.auth.CallerAttribute;
import dev.openmail.adapters.rest.error.ApiError;
import dev.openmail.adapters.rest.json.Paging;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.GetUsage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

@Controller("/v1/usage")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiResponse(responseCode = "401", description = "Missing, malformed, unknown or revoked API key",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
@Tag(name = "usage")
final class UsageController {

    private final GetUsage getUsage;

    UsageController(GetUsage getUsage) {
        this.getUsage = getUsage;
    }

    @Get
    @Operation(operationId = "getUsage", summary = "Storage usage",
            description = "Per inbox, oldest first and paged like the inbox list: messages received and sent, bytes"
                    + " stored and the inbox's storage quota; a pod key sees its pod's inboxes, an inbox key its inbox."
                    + " With an account-wide key also the account's totals and quota. Mail over a quota is refused:"
                    + " over SMTP with 452 4.2.2 (552 5.2.2 for a message larger than the quota), a send with 422"
                    + " storage_quota_exceeded.")
    UsageView usage(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                    @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String limit,
                    @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String offset,
                    @QueryValue @Nullable @Parameter(description = "Pod id or clientId; unknown gives an empty list")
                    String podId) {
        var page = Paging.parse(limit, offset);
        if (podId != null && PodRef.parse(podId).isEmpty()) {
            // no pod has such an id: no inboxes, but the account's totals as ever
            GetUsage.Usage all = getUsage.usage(caller, null, page);
            return UsageView.of(new GetUsage.Usage(new Page<>(List.of(), 0), all.inboxQuota(), all.accountOrNull()));
        }
        return UsageView.of(getUsage.usage(caller, podId == null ? null : PodRef.parse(podId).get(), page));
    }
}
