package dev.openmail.adapters.rest.senderrule;

import dev.openmail.adapters.rest.auth.CallerAttribute;
import dev.openmail.adapters.rest.error.ApiError;
import dev.openmail.adapters.rest.json.JsonBodies;
import dev.openmail.adapters.rest.json.JsonObject;
import dev.openmail.adapters.rest.json.ListView;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.ManageSenderRules;
import dev.openmail.domain.senderrule.FilterMode;
import dev.openmail.domain.senderrule.SenderRule;
import dev.openmail.domain.senderrule.SenderRuleId;
import dev.openmail.domain.senderrule.SenderRuleType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/**
 * Block and allow rules and the filter mode, for the account (no podId) or one pod (?podId= or "podId" in the body).
 * A pod key manages its own pod's rules, naming its pod or no pod; an inbox key none.
 */
@Controller("/v1/sender-rules")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiResponse(responseCode = "401", description = "Missing, malformed, unknown or revoked API key",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "403", description = "The key may not do this",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
@Tag(name = "sender-rules")
final class SenderRuleController {

    private final ManageSenderRules rules;
    private final JsonBodies bodies;

    SenderRuleController(ManageSenderRules rules, JsonBodies bodies) {
        this.rules = rules;
        this.bodies = bodies;
    }

    @Get
    @Operation(operationId = "listSenderRules", summary = "List sender rules",
            description = "The account's rules, or with ?podId= that pod's (which add to the account's), oldest first.")
    @ApiResponse(responseCode = "404", description = "No such pod", content = @Content(schema = @Schema(implementation = ApiError.class)))
    ListView<SenderRuleView> list(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                                  @QueryValue @Nullable @Parameter(description = "Pod id or clientId") String podId) {
        List<SenderRule> found = rules.list(caller, pod(podId));
        return ListView.of(new Page<>(found, found.size()), SenderRuleView::of);
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "createSenderRule", summary = "Add a sender rule",
            description = "A block or allow rule for an email address or a whole domain (lower-cased).")
    @ApiResponse(responseCode = "201", description = "Rule added")
    @ApiResponse(responseCode = "400", description = "invalid_sender_rule or bad_request",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "No such pod", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "sender_rule_exists", content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<SenderRuleView> create(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                                        @Body @Nullable @RequestBody(content = @Content(schema = @Schema(implementation = SenderRuleRequest.class))) byte[] body) {
        JsonObject json = bodies.object(body, SenderRuleRequest.class);
        SenderRuleType type = SenderRuleType.fromWire(json.string("type").applyTo(null));
        String value = json.string("value").applyTo(null);
        PodRef pod = json.string("podId").map(SenderRuleController::pod).applyTo(null);
        return HttpResponse.created(SenderRuleView.of(rules.add(caller, pod, type, value)));
    }

    @Delete("/{id}")
    @Consumes(MediaType.ALL)
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteSenderRule", summary = "Remove a sender rule")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "404", description = "Not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<Void> delete(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                              @PathVariable String id) {
        rules.remove(caller, SenderRuleId.fromPath(id));
        return HttpResponse.noContent();
    }

    @Get("/mode")
    @Operation(operationId = "getSenderFilterMode", summary = "Get the filter mode",
            description = "The mode in force: with ?podId=, the pod's own when set, else the account's; none by default.")
    @ApiResponse(responseCode = "404", description = "No such pod", content = @Content(schema = @Schema(implementation = ApiError.class)))
    FilterModeView mode(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                        @QueryValue @Nullable @Parameter(description = "Pod id or clientId") String podId) {
        return new FilterModeView(rules.mode(caller, pod(podId)).wire());
    }

    @Put("/mode")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setSenderFilterMode", summary = "Set the filter mode",
            description = "none takes every sender not blocked; allowlist only senders an allow rule matches. A pod's"
                    + " mode, once set, overrides the account's for its inboxes.")
    @ApiResponse(responseCode = "400", description = "invalid_sender_rule or bad_request",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "No such pod", content = @Content(schema = @Schema(implementation = ApiError.class)))
    FilterModeView setMode(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                           @QueryValue @Nullable @Parameter(description = "Pod id or clientId") String podId,
                           @Body @Nullable @RequestBody(content = @Content(schema = @Schema(implementation = FilterModeView.class))) byte[] body) {
        FilterMode mode = FilterMode.fromWire(bodies.object(body, FilterModeView.class).string("filterMode")
                .applyTo(null));
        return new FilterModeView(rules.setMode(caller, pod(podId), mode).wire());
    }

    /** A pod named in the query or the body; a name that fits no pod is not found. */
    private static PodRef pod(String podIdOrNull) {
        return podIdOrNull == null ? null : PodRef.fromPath(podIdOrNull);
    }
}
