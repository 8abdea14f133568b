package dev.openmail.adapters.rest.support;

import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.MessageStatus;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.port.in.SendMail;

import java.util.ArrayList;
import java.util.List;

/** Remembers every send it is asked for and answers each as sent. */
public final class RecordingSendMail implements SendMail {

    private final List<Command> commands = new ArrayList<>();

    @Override
    public synchronized Sent send(Command command) {
        commands.add(command);
        return new Sent(new MessageId("msg_01aaaaaaaaaaaaaaaaaaaaaaaa"), new ThreadId("thr_01aaaaaaaaaaaaaaaaaaaaaaaa"),
                "msg_01aaaaaaaaaaaaaaaaaaaaaaaa@openmail.test", MessageStatus.SENT);
    }

    public synchronized List<Command> commands() {
        return List.copyOf(commands);
    }

    public synchronized void clear() {
        commands.clear();
    }
}
