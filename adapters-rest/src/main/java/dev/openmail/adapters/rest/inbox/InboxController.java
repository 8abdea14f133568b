package dev.openmail.adapters.rest.inbox;

import dev.openmail.adapters.rest.auth.CallerAttribute;
import dev.openmail.adapters.rest.error.ApiError;
import dev.openmail.adapters.rest.json.JsonBodies;
import dev.openmail.adapters.rest.json.JsonObject;
import dev.openmail.adapters.rest.json.ListView;
import dev.openmail.adapters.rest.json.Paging;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.inbox.DisplayName;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.inbox.MailboxName;
import dev.openmail.domain.inbox.WebhookUrl;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.InvalidDomainException;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.CreateInbox;
import dev.openmail.domain.port.in.DeleteInbox;
import dev.openmail.domain.port.in.GetInbox;
import dev.openmail.domain.port.in.ListInboxes;
import dev.openmail.domain.port.in.UpdateInbox;
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

import java.util.List;

@Controller("/v1/inboxes")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiResponse(responseCode = "401", description = "Missing, malformed, unknown or revoked API key",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
@Tag(name = "inboxes")
final class InboxController {

    private final CreateInbox createInbox;
    private final ListInboxes listInboxes;
    private final GetInbox getInbox;
    private final UpdateInbox updateInbox;
    private final DeleteInbox deleteInbox;
    private final JsonBodies bodies;

    InboxController(CreateInbox createInbox, ListInboxes listInboxes, GetInbox getInbox, UpdateInbox updateInbox,
                    DeleteInbox deleteInbox, JsonBodies bodies) {
        this.createInbox = createInbox;
        this.listInboxes = listInboxes;
        this.getInbox = getInbox;
        this.updateInbox = updateInbox;
        this.deleteInbox = deleteInbox;
        this.bodies = bodies;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "createInbox", summary = "Create inbox",
            description = "Creates an inbox in a pod (the default pod when none is named).")
    @ApiResponse(responseCode = "201", description = "Inbox created")
    @ApiResponse(responseCode = "400", description = "invalid_mailbox_name, invalid_pod, invalid_domain or bad_request",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "address_taken", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422", description = "inbox_limit_reached or invalid_webhook_url",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    InboxView create(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                     @Body @Nullable @RequestBody(content = @Content(schema = @Schema(implementation = InboxRequest.class))) byte[] body) {
        JsonObject json = bodies.object(body, InboxRequest.class);
        PodRef pod = json.string("podId").map(PodRef::fromBody).applyTo(null);
        MailboxName mailbox = json.string("mailboxName").map(MailboxName::parse).applyTo(null);
        DisplayName displayName = json.string("displayName").map(DisplayName::new).applyTo(null);
        DomainName domain = json.string("domain").map(InboxController::domainInBody).applyTo(null);
        WebhookUrl webhookUrl = webhookUrl(json).applyTo(null);
        Inbox inbox = createInbox.create(new CreateInbox.Command(caller, pod, mailbox, displayName, domain,
                webhookUrl));
        return InboxView.of(inbox, inbox.webhookSecret());
    }

    @Get
    @Operation(operationId = "listInboxes", summary = "List inboxes", description = "Oldest first; ?podId= keeps one pod's inboxes.")
    ListView<InboxView> list(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                             @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String limit,
                             @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String offset,
                             @QueryValue @Nullable @Parameter(description = "Pod id or clientId; unknown gives an empty list") String podId) {
        var page = Paging.parse(limit, offset);
        if (podId != null && PodRef.parse(podId).isEmpty()) {
            return ListView.of(new Page<Inbox>(List.of(), 0), InboxView::of);
        }
        return ListView.of(listInboxes.list(caller, podId == null ? null : PodRef.parse(podId).get(), page),
                InboxView::of);
    }

    @Get("/{id}")
    @Operation(operationId = "getInbox", summary = "Get inbox")
    @ApiResponse(responseCode = "404", description = "Not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    InboxView get(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller, @PathVariable String id) {
        return InboxView.of(getInbox.get(caller, InboxId.fromPath(id)));
    }

    @Patch("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateInbox", summary = "Update inbox",
            description = "Changes displayName and webhookUrl; null clears. The first webhookUrl comes with a signing secret, returned once.")
    @ApiResponse(responseCode = "404", description = "Not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422", description = "invalid_webhook_url", content = @Content(schema = @Schema(implementation = ApiError.class)))
    InboxView update(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller, @PathVariable String id,
                     @Body @Nullable @RequestBody(content = @Content(schema = @Schema(implementation = InboxPatchRequest.class))) byte[] body) {
        InboxId inboxId = InboxId.fromPath(id);
        JsonObject json = bodies.object(body, InboxPatchRequest.class);
        Change<DisplayName> displayName = json.string("displayName").map(DisplayName::new);
        UpdateInbox.Updated updated = updateInbox.update(new UpdateInbox.Command(caller, inboxId, displayName,
                webhookUrl(json)));
        return InboxView.of(updated.inbox(), updated.issuedSecret());
    }

    @Delete("/{id}")
    @Consumes(MediaType.ALL)
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteInbox", summary = "Delete inbox")
    @ApiResponse(responseCode = "204", description = "Inbox deleted")
    @ApiResponse(responseCode = "404", description = "Not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<Void> delete(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller, @PathVariable String id) {
        deleteInbox.delete(caller, InboxId.fromPath(id));
        return HttpResponse.noContent();
    }


    /** An empty webhookUrl clears it, as null does. */
    private static Change<WebhookUrl> webhookUrl(JsonObject json) {
        return json.string("webhookUrl").map(text -> text.isEmpty() ? null : new WebhookUrl(text));
    }

    private static DomainName domainInBody(String text) {
        try {
            return DomainName.parse("domain", text);
        } catch (InvalidInputException malformed) {
            throw new InvalidDomainException(malformed.getMessage());
        }
    }
}
