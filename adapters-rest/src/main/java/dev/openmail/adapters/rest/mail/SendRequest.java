package dev.openmail.adapters.rest.mail;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * The body of POST /v1/inboxes/{id}/send; documents the API, while the controller reads the body itself. The body is
 * open, as in the OpenMail description: fields this server does not know are ignored.
 */
@Serdeable
@Schema(name = "SendRequest")
public record SendRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "email") String to,
        @Nullable @Schema(minLength = 1, maxLength = 998, description = "Required for a new thread; a reply takes the thread's subject with Re:.") String subject,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 100000, description = "Text or HTML; HTML gets a text version made from it.") String body,
        @Nullable @Schema(maxLength = 500000, description = "Only when the HTML differs from body.") String bodyHtml,
        @Nullable @Schema(description = "Thread to reply in") String threadId,
        @Nullable @Schema(description = "Quote the message replied to; default true") Boolean includeQuote,
        @Nullable @Schema(description = "Extension: bulk mail (newsletters, outreach). It carries a one-click"
                + " unsubscribe link (List-Unsubscribe, RFC 8058) for its one recipient, so it takes no cc; a recipient"
                + " who unsubscribes becomes an unsub suppression. Default false") Boolean bulk,
        @Nullable @Schema(format = "email") String replyTo,
        @Nullable List<String> cc,
        @Nullable @Schema(description = "Files to attach, 25 MB in all") List<Attachment> attachments) {

    /** A file to attach; {@code contentType} defaults to application/octet-stream. */
    @Serdeable
    @Schema(name = "SendAttachment")
    public record Attachment(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String filename,
                             @Nullable String contentType,
                             @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "byte",
                                     description = "The file's bytes in base64") String data) {
    }
}
