package dev.openmail.adapters.rest.suppression;

import dev.openmail.adapters.rest.auth.CallerAttribute;
import dev.openmail.adapters.rest.error.ApiError;
import dev.openmail.adapters.rest.json.JsonBodies;
import dev.openmail.adapters.rest.json.JsonObject;
import dev.openmail.adapters.rest.json.ListView;
import dev.openmail.adapters.rest.json.Paging;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.port.in.ManageSuppressions;
import dev.openmail.domain.suppression.SuppressionType;
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

/**
 * The account's suppression list: addresses no inbox of the account sends to. Every key reads (a scoped key its pod's
 * and the account's own); only an account-wide key adds or removes.
 */
@Controller("/v1/suppressions")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiResponse(responseCode = "401", description = "Missing, malformed, unknown or revoked API key",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "403", description = "The key may not do this",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
@Tag(name = "suppressions")
final class SuppressionController {

    private final ManageSuppressions suppressions;
    private final JsonBodies bodies;

    SuppressionController(ManageSuppressions suppressions, JsonBodies bodies) {
        this.suppressions = suppressions;
        this.bodies = bodies;
    }

    @Get
    @Operation(operationId = "listSuppressions", summary = "List suppressions",
            description = "Newest first. A pod or inbox key sees its pod's and the account's own.")
    @ApiResponse(responseCode = "400", description = "A bad limit, offset or type",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    ListView<SuppressionView> list(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                                   @QueryValue @Nullable @Parameter(schema = @Schema(allowableValues = {"bounce", "complaint", "unsub"})) String type,
                                   @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String limit,
                                   @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String offset) {
        var page = Paging.parse(limit, offset);
        SuppressionType typeOrNull = type == null ? null : SuppressionType.fromWire("type", type);
        return ListView.of(suppressions.list(caller, typeOrNull, page), SuppressionView::of);
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSuppression", summary = "Add a suppression",
            description = "Stops every inbox of the account from sending to the address (sends answer 422"
                    + " recipient_suppressed). An address already on the list is answered as it is, with 200.")
    @ApiResponse(responseCode = "201", description = "Added")
    @ApiResponse(responseCode = "200", description = "Already on the list; unchanged")
    @ApiResponse(responseCode = "400", description = "bad_request", content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<SuppressionView> create(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                                         @Body @Nullable @RequestBody(content = @Content(schema = @Schema(implementation = SuppressionRequest.class))) byte[] body) {
        JsonObject json = bodies.object(body, SuppressionRequest.class);
        String address = json.string("address").applyTo(null);
        String type = json.string("type").applyTo(null);
        String reason = json.string("reason").applyTo(null);
        ManageSuppressions.Added added = suppressions.add(caller, address,
                type == null ? SuppressionType.UNSUB : SuppressionType.fromWire("type", type), reason);
        SuppressionView view = SuppressionView.of(added.suppression());
        return added.created() ? HttpResponse.created(view) : HttpResponse.ok(view);
    }

    @Delete("/{address}")
    @Consumes(MediaType.ALL)
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteSuppression", summary = "Remove a suppression",
            description = "The account's inboxes may send to the address again.")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "404", description = "Not on the list", content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<Void> delete(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                              @PathVariable String address) {
        suppressions.remove(caller, address);
        return HttpResponse.noContent();
    }
}
