package dev.openmail.adapters.rest.mail;

import dev.openmail.adapters.rest.auth.CallerAttribute;
import dev.openmail.adapters.rest.error.ApiError;
import dev.openmail.adapters.rest.json.JsonObject;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.OutgoingMail;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.port.in.SendMail;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.server.multipart.MultipartBody;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/** Sending mail from an inbox. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "inboxes")
final class SendController {

    private final SendMail sendMail;

    SendController(SendMail sendMail) {
        this.sendMail = sendMail;
    }

    @Post("/v1/inboxes/{id}/send")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendEmail", summary = "Send email",
            description = "Sends from the inbox. Inboxes of this server get the message at once; other addresses through "
                    + "the relay (status pending, then sent or failed). Requires an Idempotency-Key header: the same key "
                    + "with the same body is answered with the first send for 24 hours. Attachments come in base64 "
                    + "(at most 100 files, 25 MB in all); fields this server does not know are ignored.")
    @ApiResponse(responseCode = "200", description = "Sent, queued, or an idempotent replay")
    @ApiResponse(responseCode = "400", description = "missing_idempotency_key or bad_request naming the field",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "401", description = "Missing, malformed, unknown or revoked API key",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "403", description = "The key is confined to another pod or inbox (forbidden)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "Inbox or thread not found",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "413", description = "Attachments past 25 MB, or more than 1 MB of JSON besides text"
            + " fields and attachments' data (payload_too_large)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422", description = "idempotency_key_reused",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    SentView send(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                  @PathVariable String id,
                  @Header("Idempotency-Key") @Nullable @Parameter(in = ParameterIn.HEADER, name = "Idempotency-Key",
                          description = "Unique key of this send, e.g. a UUID") String idempotencyKey,
                  @Body @Nullable @RequestBody(content = @Content(schema = @Schema(implementation = SendRequest.class))) byte[] body) {
        InboxId inbox = InboxId.fromPath(id);
        JsonSend send = JsonSend.read(body);
        JsonObject json = send.fields();
        String to = json.string("to").applyTo(null);
        if (to == null) {
            throw new InvalidInputException("to", "Field 'to' is required: the address to send to.");
        }
        String text = json.string("body").applyTo(null);
        if (text == null) {
            throw new InvalidInputException("body", "Field 'body' is required: the text (or HTML) of the message.");
        }
        List<String> cc = json.stringList("cc").applyTo(null);
        String threadText = json.string("threadId").applyTo(null);
        Boolean includeQuote = json.bool("includeQuote").applyTo(null);
        Boolean bulk = json.bool("bulk").applyTo(null);
        OutgoingMail mail = new OutgoingMail(to, cc == null ? List.of() : cc, json.string("subject").applyTo(null), text,
                json.string("bodyHtml").applyTo(null), json.string("replyTo").applyTo(null),
                threadText == null ? null : ThreadId.fromPath(threadText), includeQuote == null || includeQuote,
                send.attachments(), bulk != null && bulk);
        return SentView.of(sendMail.send(new SendMail.Command(caller, inbox, idempotencyKey, mail)));
    }

    @Post("/v1/inboxes/{id}/send")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "sendEmailWithAttachments", summary = "Send email with attachments",
            description = "The same send as JSON, as multipart/form-data: text fields to, subject, body, bodyHtml, "
                    + "threadId, includeQuote, bulk, replyTo, cc (repeated), and files in attachments (repeated, at most 100 "
                    + "files, 25 MB in all).")
    @ApiResponse(responseCode = "200", description = "Sent, queued, or an idempotent replay")
    @ApiResponse(responseCode = "400", description = "missing_idempotency_key or bad_request naming the field",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    SentView sendMultipart(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                           @PathVariable String id,
                           @Header("Idempotency-Key") @Nullable @Parameter(hidden = true) String idempotencyKey,
                           @Body MultipartBody body) {
        InboxId inbox = InboxId.fromPath(id);
        FormParts form = FormParts.collect(body);
        String threadText = form.single("threadId");
        String includeQuote = form.single("includeQuote");
        if (includeQuote != null && !includeQuote.equals("true") && !includeQuote.equals("false")) {
            throw new InvalidInputException("includeQuote", "Field 'includeQuote' must be true or false.");
        }
        String bulk = form.single("bulk");
        if (bulk != null && !bulk.equals("true") && !bulk.equals("false")) {
            throw new InvalidInputException("bulk", "Field 'bulk' must be true or false.");
        }
        String to = form.single("to");
        if (to == null) {
            throw new InvalidInputException("to", "Field 'to' is required: the address to send to.");
        }
        String text = form.single("body");
        if (text == null) {
            throw new InvalidInputException("body", "Field 'body' is required: the text (or HTML) of the message.");
        }
        OutgoingMail mail = new OutgoingMail(to, form.all("cc"), form.single("subject"), text, form.single("bodyHtml"),
                form.single("replyTo"), threadText == null ? null : ThreadId.fromPath(threadText), !"false".equals(includeQuote),
                form.files(), "true".equals(bulk));
        return SentView.of(sendMail.send(new SendMail.Command(caller, inbox, idempotencyKey, mail)));
    }
}
