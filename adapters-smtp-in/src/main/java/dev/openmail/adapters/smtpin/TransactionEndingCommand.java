package dev.openmail.adapters.smtpin;

import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;

/**
 * Wraps DATA and BDAT so that the mail transaction ends with the message whatever the reply was.
 *
 * <p>SubEthaSMTP 7.1.7 resets the transaction after a 250 but not after a refused message (451, 550, 552), so a
 * client that goes on with its next MAIL FROM, as RFC 5321 section 4.1.1.4 allows, would get "503 Sender already
 * specified". Only a transaction whose message was actually read is reset: a DATA refused up front (no MAIL, no RCPT)
 * leaves the state as it was.
 */
final class TransactionEndingCommand implements Command {

    private final Command delegate;

    TransactionEndingCommand(Command delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        try {
            delegate.execute(commandString, session);
        } finally {
            if (session.getMessageHandler() instanceof ReceiveMailHandler handler && handler.messageRead()) {
                session.resetMailTransaction();
            }
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
