package dev.openmail.adapters.rest.apikey;

import dev.openmail.adapters.rest.auth.CallerAttribute;
import dev.openmail.adapters.rest.error.ApiError;
import dev.openmail.adapters.rest.json.JsonBodies;
import dev.openmail.adapters.rest.json.JsonObject;
import dev.openmail.adapters.rest.json.ListView;
import dev.openmail.adapters.rest.json.Paging;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.apikey.KeyHolder;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.IssueApiKey;
import dev.openmail.domain.port.in.ListApiKeys;
import dev.openmail.domain.port.in.RevokeApiKey;
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
 * Minting, listing and revoking keys: the account's own account-wide keys, a pod's keys and an inbox's keys. Only an
 * account-wide key may do any of it.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiResponse(responseCode = "401", description = "Missing, malformed, unknown or revoked API key",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "403", description = "The key is scoped to a pod or an inbox and cannot manage keys (forbidden)",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
final class ApiKeyController {

    private final IssueApiKey issueApiKey;
    private final ListApiKeys listApiKeys;
    private final RevokeApiKey revokeApiKey;
    private final JsonBodies bodies;

    ApiKeyController(IssueApiKey issueApiKey, ListApiKeys listApiKeys, RevokeApiKey revokeApiKey, JsonBodies bodies) {
        this.issueApiKey = issueApiKey;
        this.listApiKeys = listApiKeys;
        this.revokeApiKey = revokeApiKey;
        this.bodies = bodies;
    }

    @Post("/v1/api-keys")
    @Consumes(MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Tag(name = "api-keys")
    @Operation(operationId = "createApiKey", summary = "Create account-wide API key",
            description = "Mints another key that reaches the whole account, e.g. to rotate the account's key. The token is returned once.")
    @ApiResponse(responseCode = "201", description = "API key created")
    @ApiResponse(responseCode = "422", description = "api_key_limit_reached", content = @Content(schema = @Schema(implementation = ApiError.class)))
    ApiKeyWithTokenView createAccountKey(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                                         @Body @Nullable @RequestBody(content = @Content(schema = @Schema(implementation = ApiKeyRequest.class))) byte[] body) {
        return issue(caller, KeyHolder.ACCOUNT, body);
    }

    @Get("/v1/api-keys")
    @Tag(name = "api-keys")
    @Operation(operationId = "listApiKeys", summary = "List account-wide API keys", description = "Oldest first; tokens are never shown.")
    ListView<ApiKeyView> listAccountKeys(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                                         @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String limit,
                                         @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String offset) {
        return ListView.of(listApiKeys.list(caller, KeyHolder.ACCOUNT, Paging.parse(limit, offset)), ApiKeyView::of);
    }

    @Delete("/v1/api-keys/{keyId}")
    @Consumes(MediaType.ALL)
    @Status(HttpStatus.NO_CONTENT)
    @Tag(name = "api-keys")
    @Operation(operationId = "deleteApiKey", summary = "Revoke account-wide API key",
            description = "The next request with the key is refused. The account's last account-wide key cannot be revoked.")
    @ApiResponse(responseCode = "204", description = "Key revoked")
    @ApiResponse(responseCode = "404", description = "Key not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "last_account_key", content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<Void> revokeAccountKey(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                                        @PathVariable String keyId) {
        revokeApiKey.revoke(caller, KeyHolder.ACCOUNT, ApiKeyId.fromPath(keyId));
        return HttpResponse.noContent();
    }

    @Post("/v1/pods/{id}/api-keys")
    @Consumes(MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Tag(name = "pods")
    @Operation(operationId = "createPodApiKey", summary = "Create pod API key",
            description = "Mints a key confined to this pod. The token is returned once.")
    @ApiResponse(responseCode = "201", description = "API key created")
    @ApiResponse(responseCode = "404", description = "Pod not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422", description = "api_key_limit_reached", content = @Content(schema = @Schema(implementation = ApiError.class)))
    ApiKeyWithTokenView createPodKey(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                                     @PathVariable @Parameter(description = "Pod id or clientId") String id,
                                     @Body @Nullable @RequestBody(content = @Content(schema = @Schema(implementation = ApiKeyRequest.class))) byte[] body) {
        return issue(caller, KeyHolder.pod(PodRef.fromPath(id)), body);
    }

    @Get("/v1/pods/{id}/api-keys")
    @Tag(name = "pods")
    @Operation(operationId = "listPodApiKeys", summary = "List pod API keys", description = "Oldest first; tokens are never shown.")
    @ApiResponse(responseCode = "404", description = "Pod not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    ListView<ApiKeyView> listPodKeys(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                                     @PathVariable @Parameter(description = "Pod id or clientId") String id,
                                     @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String limit,
                                     @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String offset) {
        PodRef pod = PodRef.fromPath(id);
        return ListView.of(listApiKeys.list(caller, KeyHolder.pod(pod), Paging.parse(limit, offset)), ApiKeyView::of);
    }

    @Delete("/v1/pods/{id}/api-keys/{keyId}")
    @Consumes(MediaType.ALL)
    @Status(HttpStatus.NO_CONTENT)
    @Tag(name = "pods")
    @Operation(operationId = "deletePodApiKey", summary = "Revoke pod API key", description = "The next request with the key is refused.")
    @ApiResponse(responseCode = "204", description = "Key revoked")
    @ApiResponse(responseCode = "404", description = "Key not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<Void> revokePodKey(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                                    @PathVariable @Parameter(description = "Pod id or clientId") String id,
                                    @PathVariable String keyId) {
        PodRef pod = PodRef.fromPath(id);
        revokeApiKey.revoke(caller, KeyHolder.pod(pod), ApiKeyId.fromPath(keyId));
        return HttpResponse.noContent();
    }

    @Post("/v1/inboxes/{id}/api-keys")
    @Consumes(MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Tag(name = "inboxes")
    @Operation(operationId = "createInboxApiKey", summary = "Create inbox API key",
            description = "Mints a key confined to this one inbox. The token is returned once.")
    @ApiResponse(responseCode = "201", description = "API key created")
    @ApiResponse(responseCode = "404", description = "Inbox not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422", description = "api_key_limit_reached", content = @Content(schema = @Schema(implementation = ApiError.class)))
    ApiKeyWithTokenView createInboxKey(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                                       @PathVariable String id,
                                       @Body @Nullable @RequestBody(content = @Content(schema = @Schema(implementation = ApiKeyRequest.class))) byte[] body) {
        return issue(caller, KeyHolder.inbox(InboxId.fromPath(id)), body);
    }

    @Get("/v1/inboxes/{id}/api-keys")
    @Tag(name = "inboxes")
    @Operation(operationId = "listInboxApiKeys", summary = "List inbox API keys", description = "Oldest first; tokens are never shown.")
    @ApiResponse(responseCode = "404", description = "Inbox not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    ListView<ApiKeyView> listInboxKeys(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                                       @PathVariable String id,
                                       @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String limit,
                                       @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String offset) {
        InboxId inbox = InboxId.fromPath(id);
        return ListView.of(listApiKeys.list(caller, KeyHolder.inbox(inbox), Paging.parse(limit, offset)), ApiKeyView::of);
    }

    @Delete("/v1/inboxes/{id}/api-keys/{keyId}")
    @Consumes(MediaType.ALL)
    @Status(HttpStatus.NO_CONTENT)
    @Tag(name = "inboxes")
    @Operation(operationId = "deleteInboxApiKey", summary = "Revoke inbox API key", description = "The next request with the key is refused.")
    @ApiResponse(responseCode = "204", description = "Key revoked")
    @ApiResponse(responseCode = "404", description = "Key not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<Void> revokeInboxKey(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                                      @PathVariable String id, @PathVariable String keyId) {
        InboxId inbox = InboxId.fromPath(id);
        revokeApiKey.revoke(caller, KeyHolder.inbox(inbox), ApiKeyId.fromPath(keyId));
        return HttpResponse.noContent();
    }

    private ApiKeyWithTokenView issue(Caller caller, KeyHolder holder, byte[] body) {
        JsonObject json = bodies.object(body, ApiKeyRequest.class);
        Label name = json.string("name").map(text -> Label.parse("name", text)).applyTo(null);
        return ApiKeyWithTokenView.of(issueApiKey.issue(new IssueApiKey.Command(caller, holder, name)));
    }


}
