package dev.openmail.adapters.rest.webhook;

import dev.openmail.adapters.rest.auth.CallerAttribute;
import dev.openmail.adapters.rest.error.ApiError;
import dev.openmail.adapters.rest.json.JsonBodies;
import dev.openmail.adapters.rest.json.ListView;
import dev.openmail.adapters.rest.json.Paging;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.inbox.WebhookUrl;
import dev.openmail.domain.port.in.ManageWebhooks;
import dev.openmail.domain.webhook.WebhookResponse;
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

/**
 * Webhooks beyond an inbox's URL: an inbox's secret and test, the account's own webhook, and the delivery logs.
 */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiResponse(responseCode = "401", description = "Missing, malformed, unknown or revoked API key",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "403", description = "The key may not do this",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
@Tag(name = "webhooks")
final class WebhookController {

    private final ManageWebhooks webhooks;
    private final JsonBodies bodies;

    WebhookController(ManageWebhooks webhooks, JsonBodies bodies) {
        this.webhooks = webhooks;
        this.bodies = bodies;
    }

    // ---- an inbox's webhook

    @Post("/inboxes/{id}/webhook/rotate-secret")
    @Consumes(MediaType.ALL)
    @Operation(operationId = "rotateInboxWebhookSecret", summary = "Rotate webhook secret",
            description = "A new signing secret for the inbox's webhook; the previous one stops signing at once.")
    @ApiResponse(responseCode = "200", description = "New signing secret")
    @ApiResponse(responseCode = "400", description = "no_webhook_url", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "Not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    WebhookSecretView rotateInbox(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                                  @PathVariable String id) {
        return new WebhookSecretView(webhooks.rotateInboxSecret(caller, InboxId.fromPath(id)).value());
    }

    @Post("/inboxes/{id}/webhook/test")
    @Consumes(MediaType.ALL)
    @Operation(operationId = "testInboxWebhook", summary = "Send test webhook",
            description = "Posts a signed webhook.test event to the inbox's webhook now.")
    @ApiResponse(responseCode = "200", description = "The webhook answered 2xx")
    @ApiResponse(responseCode = "400", description = "no_webhook_url", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "Not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "502", description = "webhook_failed", content = @Content(schema = @Schema(implementation = ApiError.class)))
    WebhookTestView testInbox(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                              @PathVariable String id) {
        return tested(webhooks.testInbox(caller, InboxId.fromPath(id)));
    }

    @Get("/inboxes/{id}/webhook/deliveries")
    @Operation(operationId = "listInboxWebhookDeliveries", summary = "List webhook deliveries of an inbox",
            description = "Every attempt to deliver the inbox's events and tests, newest first.")
    @ApiResponse(responseCode = "404", description = "Not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    ListView<WebhookDeliveryView> inboxDeliveries(
            @RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller, @PathVariable String id,
            @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String limit,
            @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String offset) {
        return ListView.of(webhooks.inboxDeliveries(caller, InboxId.fromPath(id), Paging.parse(limit, offset)),
                WebhookDeliveryView::of);
    }

    // ---- the account's webhook

    @Get("/webhook")
    @Operation(operationId = "getAccountWebhook", summary = "Get the account's webhook",
            description = "Where events of inboxes without a webhook of their own are posted; webhookUrl is null when"
                    + " none is set.")
    AccountWebhookView getAccount(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller) {
        return AccountWebhookView.of(webhooks.accountWebhook(caller).orElse(null), null);
    }

    @Put("/webhook")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setAccountWebhook", summary = "Set the account's webhook",
            description = "The first URL comes with a signing secret, returned once; a later URL keeps the secret.")
    @ApiResponse(responseCode = "422", description = "invalid_webhook_url", content = @Content(schema = @Schema(implementation = ApiError.class)))
    AccountWebhookView setAccount(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                                  @Body @Nullable @RequestBody(content = @Content(schema = @Schema(implementation = AccountWebhookRequest.class))) byte[] body) {
        String url = bodies.object(body, AccountWebhookRequest.class).string("webhookUrl").applyTo(null);
        if (url == null) {
            throw new InvalidInputException("webhookUrl", "Field 'webhookUrl' is required: the URL to post events to."
                    + " To remove the account's webhook, DELETE /v1/webhook.");
        }
        ManageWebhooks.Saved saved = webhooks.setAccountWebhook(caller, new WebhookUrl(url));
        return AccountWebhookView.of(saved.webhook(), saved.issuedSecret());
    }

    @Delete("/webhook")
    @Consumes(MediaType.ALL)
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteAccountWebhook", summary = "Remove the account's webhook")
    @ApiResponse(responseCode = "204", description = "Removed (or there was none)")
    HttpResponse<Void> deleteAccount(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller) {
        webhooks.removeAccountWebhook(caller);
        return HttpResponse.noContent();
    }

    @Post("/webhook/rotate-secret")
    @Consumes(MediaType.ALL)
    @Operation(operationId = "rotateAccountWebhookSecret", summary = "Rotate the account's webhook secret")
    @ApiResponse(responseCode = "400", description = "no_webhook_url", content = @Content(schema = @Schema(implementation = ApiError.class)))
    WebhookSecretView rotateAccount(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller) {
        return new WebhookSecretView(webhooks.rotateAccountSecret(caller).value());
    }

    @Post("/webhook/test")
    @Consumes(MediaType.ALL)
    @Operation(operationId = "testAccountWebhook", summary = "Send a test to the account's webhook")
    @ApiResponse(responseCode = "400", description = "no_webhook_url", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "502", description = "webhook_failed", content = @Content(schema = @Schema(implementation = ApiError.class)))
    WebhookTestView testAccount(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller) {
        return tested(webhooks.testAccount(caller));
    }

    @Get("/webhook/deliveries")
    @Operation(operationId = "listAccountWebhookDeliveries", summary = "List the account's webhook deliveries",
            description = "Every attempt to deliver the account's events and tests, newest first.")
    ListView<WebhookDeliveryView> accountDeliveries(
            @RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
            @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String limit,
            @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String offset) {
        return ListView.of(webhooks.accountDeliveries(caller, Paging.parse(limit, offset)), WebhookDeliveryView::of);
    }

    private static WebhookTestView tested(WebhookResponse response) {
        return new WebhookTestView(true, "The webhook answered HTTP " + response.statusCode() + " in "
                + response.latencyMillis() + " ms.");
    }
}
