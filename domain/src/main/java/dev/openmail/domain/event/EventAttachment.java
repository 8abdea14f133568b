package dev.openmail.domain.event;

import dev.openmail.domain.mail.AttachmentInfo;

import java.util.Objects;

/**
 * An attachment as an event shows it. Its {@code url} is not kept: whoever delivers the event makes it from the
 * message id and file name under the server's public base URL, as the API's message listings do, so that it names
 * the same download and follows a change of the base URL.
 *
 * @param parsedText       text extracted from the attachment; null, since no extraction is done yet
 * @param extractionMethod how {@code parsedText} was extracted; null while it is
 */
public record EventAttachment(String filename, String contentType, long sizeBytes, String parsedText,
                              String extractionMethod) {

    public EventAttachment {
        Objects.requireNonNull(filename);
        Objects.requireNonNull(contentType);
    }

    static EventAttachment of(AttachmentInfo info) {
        return new EventAttachment(info.filename(), info.contentType(), info.sizeBytes(), null, null);
    }
}
