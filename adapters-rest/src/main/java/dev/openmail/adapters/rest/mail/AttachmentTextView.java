package dev.openmail.adapters.rest.mail;

import dev.openmail.domain.port.in.GetAttachmentText;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** An attachment's text on the wire: {@code extractionMethod} is pdf, ocr, office, csv or text. */
@Serdeable
@Schema(name = "AttachmentText")
public record AttachmentTextView(String filename, String contentType, String extractionMethod, String text,
                                 @Schema(description = "Extension: whether text was cut at the extraction limit.")
                                 boolean parsedTextTruncated) {

    public static AttachmentTextView of(GetAttachmentText.Result result) {
        return new AttachmentTextView(result.filename(), result.contentType(), result.text().extractionMethod(),
                result.text().textOrNull(), result.text().truncated());
    }
}
