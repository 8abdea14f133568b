package dev.openmail.adapters.smtpin;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.io.ReceivedHeaderStream;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.internal.util.SMTPResponseHelper;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * DATA as SubEthaSMTP 7.1.7's DataCommand does it, same replies and same session state, but with the content read in
 * blocks by {@link DotStuffedDataInputStream} rather than a byte at a time, and unstuffed on the first line too (RFC
 * 5321 section 4.5.2; the library only unstuffs after a CRLF). Its help is the library's DATA's. Like the library's,
 * it is to be wrapped in the library's RequireTLS and RequireAuth wrappers; BDAT content is not stuffed and stays with
 * the library.
 */
final class DotStuffedDataCommand implements Command {

    private static final int DRAIN_CHUNK = 8192;

    private final Command library;

    /** @param library the library's DATA, for its name and help */
    DotStuffedDataCommand(Command library) {
        this.library = library;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (!session.isMailTransactionInProgress()) {
            session.sendResponse("503 5.5.1 Error: need MAIL command");
            return;
        } else if (session.getRecipientCount() == 0) {
            session.sendResponse("503 Error: need RCPT command");
            return;
        }

        session.sendResponse("354 End data with <CR><LF>.<CR><LF>");

        InputStream stream = new DotStuffedDataInputStream(session.getRawInput());
        SMTPServer server = session.getServer();
        if (!server.getDisableReceivedHeaders()) {
            stream = new ReceivedHeaderStream(stream, session.getHelo(), session.getRemoteAddress().getAddress(),
                    server.getHostName(), Optional.of(server.getSoftwareName()), session.getSessionId(),
                    session.getSingleRecipient());
        }

        String dataMessage;
        try {
            dataMessage = session.getMessageHandler().data(stream);
            // a handler that did not read it all: the rest must not be taken for commands
            byte[] rest = new byte[DRAIN_CHUNK];
            while (stream.read(rest, 0, rest.length) != -1) {
                // skip
            }
        } catch (DropConnectionException e) {
            throw e;
        } catch (RejectException e) {
            session.sendResponse(e.getErrorResponse());
            return;
        }

        session.sendResponse(dataMessage != null ? SMTPResponseHelper.buildResponse("250", dataMessage) : "250 Ok");
        session.resetMailTransaction();
    }

    @Override
    public HelpMessage getHelp() throws CommandException {
        return library.getHelp();
    }

    @Override
    public String getName() {
        return library.getName();
    }
}
