package dev.openmail.adapters.rest.mail;

import dev.openmail.domain.port.in.SendMail;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

@Serdeable
@Schema(name = "SendResult")
public record SentView(String messageId, String threadId, String providerMessageId, String status) {

    public static SentView of(SendMail.Sent sent) {
        return new SentView(sent.messageId().value(), sent.threadId().value(), MessageView.orEmpty(sent.providerMessageId()),
                sent.status().wireName());
    }
}
