package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.mail.BodyBudget;
import dev.openmail.domain.mail.BoundedMessage;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.ThreadId;

import java.util.Objects;

public interface GetThreadMessages {

    /**
     * The thread and a page of its messages, oldest first, their bodies cut to share {@code budget} (see
     * {@link BodyBudget}); the page's total is the thread's message count.
     */
    ThreadWithMessages get(Caller caller, ThreadId threadId, PageRequest page, BodyBudget budget);

    record ThreadWithMessages(MailThread thread, Page<BoundedMessage> messages) {
        public ThreadWithMessages {
            Objects.requireNonNull(thread);
            Objects.requireNonNull(messages);
        }
    }
}
