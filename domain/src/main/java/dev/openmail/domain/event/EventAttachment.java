package dev.openmail.domain.event;

import dev.openmail.domain.mail.AttachmentInfo;
import dev.openmail.domain.mail.MessageId;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An attachment as an event shows it.
 *
 * @param path             where its bytes are fetched, relative to the server's public base URL
 *                         ({@code /v1/attachments/{messageId}/{filename}}, the name percent-encoded); whoever delivers
 *                         the event makes it absolute, so that a change of the base URL reaches events already logged
 * @param parsedText       text extracted from the attachment; null, since no extraction is done yet
 * @param extractionMethod how {@code parsedText} was extracted; null while it is
 */
public record EventAttachment(String filename, String contentType, long sizeBytes, String path, String parsedText,
                              String extractionMethod) {

    public EventAttachment {
        Objects.requireNonNull(filename);
        Objects.requireNonNull(contentType);
        Objects.requireNonNull(path);
    }

    static EventAttachment of(MessageId messageId, AttachmentInfo info) {
        return new EventAttachment(info.filename(), info.contentType(), info.sizeBytes(),
                pathOf(messageId, info.filename()), null, null);
    }

    /** The attachment's download path, as the API's message listings link it. */
    public static String pathOf(MessageId messageId, String filename) {
        String name = URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
        return "/v1/attachments/" + messageId.value() + "/" + name;
    }
}
