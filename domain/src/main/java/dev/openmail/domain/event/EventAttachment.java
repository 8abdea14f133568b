package dev.openmail.domain.event;

import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.mail.AttachmentInfo;

import java.util.Objects;

/**
 * An attachment as an event shows it. Its {@code url} is not kept: whoever delivers the event makes it from the
 * message id and file name under the server's public base URL, as the API's message listings do, so that it names
 * the same download and follows a change of the base URL.
 *
 * @param parsedText          text extracted from the attachment when the event was recorded; null when none was
 * @param extractionMethod    how {@code parsedText} was extracted, or why there is none (a failure's wire name);
 *                            null when the attachment had not been read when the event was recorded
 * @param parsedTextTruncated whether {@code parsedText} was cut at the extraction limit
 */
public record EventAttachment(String filename, String contentType, long sizeBytes, String parsedText,
                              String extractionMethod, boolean parsedTextTruncated) {

    public EventAttachment {
        Objects.requireNonNull(filename);
        Objects.requireNonNull(contentType);
    }

    public EventAttachment(String filename, String contentType, long sizeBytes, String parsedText,
                           String extractionMethod) {
        this(filename, contentType, sizeBytes, parsedText, extractionMethod, false);
    }

    static EventAttachment of(AttachmentInfo info) {
        AttachmentText text = info.textOrNull();
        return text == null
                ? new EventAttachment(info.filename(), info.contentType(), info.sizeBytes(), null, null, false)
                : new EventAttachment(info.filename(), info.contentType(), info.sizeBytes(), text.textOrNull(),
                        text.extractionMethod(), text.truncated());
    }
}
