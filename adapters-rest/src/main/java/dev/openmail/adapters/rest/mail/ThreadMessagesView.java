package dev.openmail.adapters.rest.mail;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openmail.adapters.rest.PublicBaseUrl;
import dev.openmail.domain.port.in.GetThreadMessages;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A thread with all its messages, oldest first. */
@Serdeable
@Schema(name = "ThreadWithMessages")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ThreadMessagesView(String threadId, String subject, boolean isRead, List<MessageView> data) {

    static ThreadMessagesView of(GetThreadMessages.ThreadWithMessages thread, PublicBaseUrl baseUrl) {
        return new ThreadMessagesView(thread.thread().id().value(), thread.thread().subject(), thread.thread().isRead(),
                thread.messages().stream().map(message -> MessageView.of(message, baseUrl)).toList());
    }
}
