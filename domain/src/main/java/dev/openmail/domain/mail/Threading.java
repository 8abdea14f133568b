package dev.openmail.domain.mail;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which thread of an inbox an arriving message joins: the thread of the message it replies to (In-Reply-To), else of
 * the latest message it refers to (References, read from last to first), else none, and it opens a new thread.
 *
 * <p>Anyone may send a References header of millions of entries, and each entry looked up is a query: only the last
 * {@value #MAX_REFERENCES_LOOKED_UP} entries are looked up, latest first, and then the first one, which names the
 * message that started the conversation.
 */
public final class Threading {

    static final int MAX_REFERENCES_LOOKED_UP = 20;

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
        int oldestLookedUp = Math.max(0, references.size() - MAX_REFERENCES_LOOKED_UP);
        for (int i = references.size() - 1; i >= oldestLookedUp; i--) {
            Optional<ThreadId> referenced = threadOfMessageId.apply(references.get(i));
            if (referenced.isPresent()) {
                return referenced;
            }
        }
        return oldestLookedUp > 0 ? threadOfMessageId.apply(references.get(0)) : Optional.empty();
    }
}
