package dev.openmail.adapters.rest.mail;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openmail.adapters.rest.json.Timestamps;
import dev.openmail.domain.mail.AttachmentInfo;
import dev.openmail.domain.mail.Message;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A message on the wire. HTML bodies are returned exactly as stored; nothing on the server renders them. */
@Serdeable
@Schema(name = "Message")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MessageView(String id, String threadId, String direction, String fromAddr, String toAddr,
                          @Nullable String headerTo, @Nullable String deliveryRole, List<String> cc, String subject,
                          @Nullable String bodyText, @Nullable String bodyHtml, List<AttachmentView> attachments,
                          String status, String createdAt) {

    public static MessageView of(Message message) {
        return new MessageView(message.id().value(), message.threadId().value(), message.direction().wireName(),
                message.fromAddr(), message.toAddr(), message.headerTo(),
                message.deliveryRole() == null ? null : message.deliveryRole().wireName(), message.cc(),
                message.subject(), message.bodyText(), message.bodyHtml(),
                message.attachments().stream().map(attachment -> AttachmentView.of(message, attachment)).toList(),
                message.status().wireName(), Timestamps.format(message.createdAt()));
    }

    /** An attachment's description; {@code url} fetches its bytes with the same API key. */
    @Serdeable
    @Schema(name = "MessageAttachment")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AttachmentView(String filename, String contentType, long sizeBytes, String url) {

        static AttachmentView of(Message message, AttachmentInfo attachment) {
            String name = URLEncoder.encode(attachment.filename(), StandardCharsets.UTF_8).replace("+", "%20");
            return new AttachmentView(attachment.filename(), attachment.contentType(), attachment.sizeBytes(),
                    "/v1/attachments/" + message.id().value() + "/" + name);
        }
    }
}
