package dev.openmail.domain.mail;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which thread of an inbox an arriving message joins: the thread of the message it replies to (In-Reply-To), else of
 * the latest message it refers to (References, read from last to first), else none, and it opens a new thread.
 */
public final class Threading {

    private Threading() {
    }

    /** {@code threadOfMessageId} finds, within the receiving inbox, the thread holding a message by its Message-ID. */
    public static Optional<ThreadId> threadFor(ParsedMail mail, Function<String, Optional<ThreadId>> threadOfMessageId) {
        if (mail.inReplyTo() != null && !mail.inReplyTo().isBlank()) {
            Optional<ThreadId> replied = threadOfMessageId.apply(mail.inReplyTo());
            if (replied.isPresent()) {
                return replied;
            }
        }
        List<String> references = mail.references();
        for (int i = references.size() - 1; i >= 0; i--) {
            Optional<ThreadId> referenced = threadOfMessageId.apply(references.get(i));
            if (referenced.isPresent()) {
                return referenced;
            }
        }
        return Optional.empty();
    }
}
