package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.ThreadId;

import java.util.List;

public interface GetThreadMessages {

    /** The thread and its messages, oldest first. */
    ThreadWithMessages get(Caller caller, ThreadId threadId);

    record ThreadWithMessages(MailThread thread, List<Message> messages) {
        public ThreadWithMessages {
            messages = List.copyOf(messages);
        }
    }
}
