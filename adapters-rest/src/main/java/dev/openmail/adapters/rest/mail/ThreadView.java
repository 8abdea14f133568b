package dev.openmail.adapters.rest.mail;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openmail.adapters.rest.json.Timestamps;
import dev.openmail.domain.mail.MailThread;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

@Serdeable
@Schema(name = "Thread")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ThreadView(String id, String subject, boolean isRead, String lastMessageAt, String createdAt,
                         int messageCount) {

    public static ThreadView of(MailThread thread) {
        return new ThreadView(thread.id().value(), thread.subject(), thread.isRead(),
                Timestamps.format(thread.lastMessageAt()), Timestamps.format(thread.createdAt()), thread.messageCount());
    }
}
