package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.MessageStatus;
import dev.openmail.domain.mail.OutgoingMail;
import dev.openmail.domain.mail.ThreadId;

import java.util.Objects;

public interface SendMail {

    /**
     * Sends from the inbox: inboxes of this installation get the message at once, other recipients through the relay.
     * A repeat of the same request under the same key within a day is answered with the first send.
     */
    Sent send(Command command);

    /** {@code idempotencyKey} as the client sent it; null or blank is refused. */
    record Command(Caller caller, InboxId inboxId, String idempotencyKey, OutgoingMail mail) {
        public Command {
            Objects.requireNonNull(caller);
            Objects.requireNonNull(inboxId);
            Objects.requireNonNull(mail);
        }
    }

    /** {@code providerMessageId} is the Message-ID header of the sent message. */
    record Sent(MessageId messageId, ThreadId threadId, String providerMessageId, MessageStatus status) {
    }
}
