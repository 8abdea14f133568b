package dev.openmail.adapters.rest.admin;

import dev.openmail.adapters.rest.error.ApiError;
import dev.openmail.adapters.rest.json.JsonBodies;
import dev.openmail.adapters.rest.json.JsonObject;
import dev.openmail.adapters.rest.json.ListView;
import dev.openmail.adapters.rest.json.Paging;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.usage.StorageQuota;
import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.mail.SendLimitOverrides;
import dev.openmail.domain.port.in.ListAccounts;
import dev.openmail.domain.port.in.ManageSendLimits;
import dev.openmail.domain.port.in.OpenAccount;
import dev.openmail.domain.port.in.UpdateAccount;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
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

/** The operator API: accounts of this installation. Guarded by the admin token, see AdminFilter. */
@Controller("/admin/v1/accounts")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiResponse(responseCode = "401", description = "Missing or wrong admin token (API keys are not accepted here)",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
@Tag(name = "admin")
final class AdminAccountController {

    /** The largest send-limit cap an operator may set: far above any send rate, well within an INT column. */
    private static final int MAX_CAP = 1_000_000;

    private final OpenAccount openAccount;
    private final ListAccounts listAccounts;
    private final UpdateAccount updateAccount;
    private final ManageSendLimits manageSendLimits;
    private final JsonBodies bodies;

    AdminAccountController(OpenAccount openAccount, ListAccounts listAccounts, UpdateAccount updateAccount,
                           ManageSendLimits manageSendLimits, JsonBodies bodies) {
        this.manageSendLimits = manageSendLimits;
        this.openAccount = openAccount;
        this.listAccounts = listAccounts;
        this.updateAccount = updateAccount;
        this.bodies = bodies;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "createAccount", summary = "Open an account",
            description = "Opens an account with its default pod and a first account-wide API key, whose token is shown only here.")
    @ApiResponse(responseCode = "201", description = "Account opened")
    @ApiResponse(responseCode = "400", description = "Invalid field", content = @Content(schema = @Schema(implementation = ApiError.class)))
    OpenedAccountView create(@Body @Nullable @RequestBody(content = @Content(schema = @Schema(implementation = AccountRequest.class))) byte[] body) {
        JsonObject json = bodies.object(body, AccountRequest.class);
        Label name = json.string("name").map(text -> Label.parse("name", text)).applyTo(null);
        InboxLimit limit = inboxLimit(json).applyTo(null);
        Boolean drop = json.bool("dropSpoofedLocalMail").applyTo(false);
        StorageQuota quota = storageQuota(json).applyTo(null);
        return OpenedAccountView.of(openAccount.open(new OpenAccount.Command(name, limit, null,
                drop != null && drop, quota)));
    }

    @Get
    @Operation(operationId = "listAccounts", summary = "List accounts", description = "Oldest first.")
    ListView<AccountView> list(@QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String limit,
                               @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String offset) {
        return ListView.of(listAccounts.list(Paging.parse(limit, offset)), AccountView::of);
    }

    @Patch("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateAccount", summary = "Update an account",
            description = "Changes only the fields present; a null name clears it.")
    @ApiResponse(responseCode = "404", description = "Not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    AccountView update(@PathVariable String id,
                       @Body @Nullable @RequestBody(content = @Content(schema = @Schema(implementation = AccountRequest.class))) byte[] body) {
        AccountId accountId = AccountId.fromPath(id);
        JsonObject json = bodies.object(body, AccountRequest.class);
        Change<Label> name = json.string("name").map(text -> Label.parse("name", text));
        Change<InboxLimit> limit = inboxLimit(json);
        return AccountView.of(updateAccount.update(new UpdateAccount.Command(accountId, name, limit,
                json.bool("dropSpoofedLocalMail"), storageQuota(json))));
    }

    @Get("/{id}/send-limits")
    @Operation(operationId = "getAccountSendLimits", summary = "An account's send limits",
            description = "The burst, daily and cold-outreach caps in force for the account, and which of them the"
                    + " operator set.")
    @ApiResponse(responseCode = "404", description = "Not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    SendLimitsView sendLimits(@PathVariable String id) {
        return SendLimitsView.of(manageSendLimits.get(AccountId.fromPath(id)));
    }

    @Put("/{id}/send-limits")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putAccountSendLimits", summary = "Set an account's send limits",
            description = "Replaces the operator's limits for the account: each field sets its cap (0: none), and a"
                    + " field absent or null takes the server's setting, so {} returns the account to the settings."
                    + " Sends count against the new caps from the next one on.")
    @ApiResponse(responseCode = "400", description = "A value that is not a whole number from 0 to 1000000 (bad_request)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "Not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    SendLimitsView putSendLimits(@PathVariable String id,
                                 @Body @Nullable @RequestBody(content = @Content(schema = @Schema(implementation = SendLimitsRequest.class))) byte[] body) {
        AccountId accountId = AccountId.fromPath(id);
        JsonObject json = bodies.object(body, SendLimitsRequest.class);
        SendLimitOverrides overrides = new SendLimitOverrides(cap(json, "burstPerMinute"), cap(json, "dailyPerInbox"),
                cap(json, "coldPerInboxNew"), cap(json, "coldPerAccountNew"), cap(json, "coldPerAccount"));
        return SendLimitsView.of(manageSendLimits.put(accountId, overrides));
    }

    /** A cap of the send limits: absent or null is the server's setting. */
    private static Integer cap(JsonObject json, String field) {
        return json.integer(field, 0, MAX_CAP).applyTo(null);
    }

    /** null: the installation's quota; 0: none. */
    private static Change<StorageQuota> storageQuota(JsonObject json) {
        return json.longInteger("storageQuotaBytes", 0, StorageQuota.MAX).map(StorageQuota::new);
    }

    private static Change<InboxLimit> inboxLimit(JsonObject json) {
        return json.integer("inboxLimit", 0, InboxLimit.MAX).map(InboxLimit::new);
    }
}
