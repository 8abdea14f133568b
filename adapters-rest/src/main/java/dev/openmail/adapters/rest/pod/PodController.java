package dev.openmail.adapters.rest.pod;

import dev.openmail.adapters.rest.auth.CallerAttribute;
import dev.openmail.adapters.rest.error.ApiError;
import dev.openmail.adapters.rest.json.JsonBodies;
import dev.openmail.adapters.rest.json.JsonObject;
import dev.openmail.adapters.rest.json.ListView;
import dev.openmail.adapters.rest.json.Paging;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.CreatePod;
import dev.openmail.domain.port.in.DeletePod;
import dev.openmail.domain.port.in.GetPod;
import dev.openmail.domain.port.in.ListPods;
import dev.openmail.domain.port.in.UpdatePod;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
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

@Controller("/v1/pods")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiResponse(responseCode = "401", description = "Missing, malformed, unknown or revoked API key",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
@Tag(name = "pods")
final class PodController {

    private final CreatePod createPod;
    private final ListPods listPods;
    private final GetPod getPod;
    private final UpdatePod updatePod;
    private final DeletePod deletePod;
    private final JsonBodies bodies;

    PodController(CreatePod createPod, ListPods listPods, GetPod getPod, UpdatePod updatePod, DeletePod deletePod,
                  JsonBodies bodies) {
        this.createPod = createPod;
        this.listPods = listPods;
        this.getPod = getPod;
        this.updatePod = updatePod;
        this.deletePod = deletePod;
        this.bodies = bodies;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "createPod", summary = "Create pod",
            description = "Creates a pod. Pass your own clientId to address the pod by it later.")
    @ApiResponse(responseCode = "201", description = "Pod created")
    @ApiResponse(responseCode = "400", description = "Invalid field", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "clientId already used in this account (client_id_taken)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    PodView create(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                   @Body @Nullable @RequestBody(content = @Content(schema = @Schema(implementation = PodRequest.class))) byte[] body) {
        JsonObject json = bodies.object(body, PodRequest.class);
        ClientId clientId = json.string("clientId").map(ClientId::new).applyTo(null);
        Label name = json.string("name").map(text -> Label.parse("name", text)).applyTo(null);
        return PodView.of(createPod.create(new CreatePod.Command(caller, clientId, name)));
    }

    @Get
    @Operation(operationId = "listPods", summary = "List pods", description = "The default pod first, then oldest first.")
    ListView<PodView> list(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                           @QueryValue @Nullable @Parameter(description = "1..100, default 50", schema = @Schema(type = "integer")) String limit,
                           @QueryValue @Nullable @Parameter(description = "default 0", schema = @Schema(type = "integer")) String offset) {
        return ListView.of(listPods.list(caller, Paging.parse(limit, offset)), PodView::of);
    }

    @Get("/{id}")
    @Operation(operationId = "getPod", summary = "Get pod", description = "By pod id or by your clientId.")
    @ApiResponse(responseCode = "404", description = "Not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    PodView get(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                @PathVariable @Parameter(description = "Pod id or clientId") String id) {
        return PodView.of(getPod.get(caller, PodRef.fromPath(id)));
    }

    @Patch("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updatePod", summary = "Update pod",
            description = "Changes only the fields present in the body; null clears a field.")
    @ApiResponse(responseCode = "404", description = "Not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "clientId already used in this account (client_id_taken)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    PodView update(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                   @PathVariable @Parameter(description = "Pod id or clientId") String id,
                   @Body @Nullable @RequestBody(content = @Content(schema = @Schema(implementation = PodRequest.class))) byte[] body) {
        PodRef pod = PodRef.fromPath(id);
        JsonObject json = bodies.object(body, PodRequest.class);
        Change<ClientId> clientId = json.string("clientId").map(ClientId::new);
        Change<Label> name = json.string("name").map(text -> Label.parse("name", text));
        return PodView.of(updatePod.update(new UpdatePod.Command(caller, pod, clientId, name)));
    }

    @Delete("/{id}")
    @Consumes(MediaType.ALL)
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deletePod", summary = "Delete pod",
            description = "Only an empty pod that is not the default pod can be deleted.")
    @ApiResponse(responseCode = "204", description = "Pod deleted")
    @ApiResponse(responseCode = "404", description = "Not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "pod_not_empty, pod_has_domains or default_pod",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<Void> delete(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                              @PathVariable @Parameter(description = "Pod id or clientId") String id) {
        deletePod.delete(caller, PodRef.fromPath(id));
        return HttpResponse.noContent();
    }
}
