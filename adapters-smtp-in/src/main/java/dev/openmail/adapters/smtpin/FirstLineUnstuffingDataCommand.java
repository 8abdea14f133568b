package dev.openmail.adapters.smtpin;

import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;

/**
 * Wraps DATA so that the handler knows the content it reads is dot-stuffed. RFC 5321 section 4.5.2 has the receiver
 * delete the first period of every line that starts with one; SubEthaSMTP 7.1.7 does so only after a CRLF, so the
 * handler takes care of the first line. BDAT content is not stuffed, and is read as it comes.
 */
final class FirstLineUnstuffingDataCommand implements Command {

    private final Command delegate;

    FirstLineUnstuffingDataCommand(Command delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (!(session.getMessageHandler() instanceof ReceiveMailHandler handler)) {
            delegate.execute(commandString, session);
            return;
        }
        handler.contentIsDotStuffed(true);
        try {
            delegate.execute(commandString, session);
        } finally {
            handler.contentIsDotStuffed(false);
        }
    }

    @Override
    public HelpMessage getHelp() throws CommandException {
        return delegate.getHelp();
    }

    @Override
    public String getName() {
        return delegate.getName();
    }
}
