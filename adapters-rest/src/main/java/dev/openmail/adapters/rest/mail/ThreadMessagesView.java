package dev.openmail.adapters.rest.mail;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openmail.adapters.rest.PublicBaseUrl;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.port.in.GetThreadMessages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A thread with a page of its messages, oldest first. */
@Serdeable
@Schema(name = "ThreadWithMessages")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ThreadMessagesView(String threadId, String subject, boolean isRead, List<MessageView> data,
                                 @Schema(description = "Extension: how many messages the thread has.")
                                 long total,
                                 @Schema(description = "Extension: the offset of the next page, null on the last page.",
                                         nullable = true)
                                 @Nullable Long nextOffset) {

    public static ThreadMessagesView of(GetThreadMessages.ThreadWithMessages thread, PageRequest page, PublicBaseUrl baseUrl) {
        List<MessageView> data = thread.messages().items().stream()
                .map(read -> MessageView.of(read, baseUrl)).toList();
        long next = page.offset() + data.size();
        return new ThreadMessagesView(thread.thread().id().value(), thread.thread().subject(), thread.thread().isRead(),
                data, thread.messages().total(), !data.isEmpty() && next < thread.messages().total() ? next : null);
    }
}
