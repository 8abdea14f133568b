package dev.openmail.adapters.rest.mail;

import dev.openmail.adapters.rest.auth.CallerAttribute;
import dev.openmail.adapters.rest.error.ApiError;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.port.in.GetAttachmentText;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** An attachment's text: as read when the message arrived, else read now (and kept with the message). */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "attachments")
@ApiResponse(responseCode = "401", description = "Missing, malformed, unknown or revoked API key",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "403", description = "The key is confined to another pod or inbox (forbidden)",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "404", description = "Attachment not found",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
final class AttachmentTextController {

    private final GetAttachmentText getAttachmentText;

    AttachmentTextController(GetAttachmentText getAttachmentText) {
        this.getAttachmentText = getAttachmentText;
    }


    @Get(uri = "/v1/attachments/{messageId}/{filename}/text")
    @Operation(operationId = "getAttachmentText", summary = "Extract attachment text",
            description = "Extracts and returns the plain text content of an attachment. The result is cached on the"
                    + " message after the first extraction. 422 extraction_failed when no text could be read (the"
                    + " message names the reason); 503 extraction_busy with Retry-After when no extraction slot was"
                    + " free within a few seconds.")
    @ApiResponse(responseCode = "200", description = "Extracted text content")
    @ApiResponse(responseCode = "422", description = "Text could not be extracted from the attachment",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "503", description = "Every extraction slot is busy; try again after Retry-After",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<AttachmentTextView> text(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                         @PathVariable String messageId, @PathVariable String filename) {
        GetAttachmentText.Result result = getAttachmentText.get(caller, MessageId.fromPath(messageId), filename);
        return HttpResponse.ok(AttachmentTextView.of(result));
    }
}
