package dev.openmail.adapters.smtpin;

import java.io.IOException;
import java.util.StringJoiner;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;

/**
 * Wraps HELP so that the help on a command goes out as a well-formed multiline reply: every line starts with the code
 * and ends in CRLF (RFC 5321 sections 2.3.8 and 4.2.1). SubEthaSMTP 7.1.7 joins the lines of a command's help
 * ({@link HelpMessage#toOutputString()}) with a bare LF, and a line break inside a command's argument description
 * (AUTH has two) starts a line with no code at all. Its list of topics (HELP alone) is well formed and left to it.
 */
final class CrLfHelpCommand implements Command {

    private final Command delegate;

    CrLfHelpCommand(Command delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        // read as the library reads it: after the four letters of the verb, trimmed
        String topic = commandString.length() <= 4 ? "" : commandString.substring(4).trim();
        if (topic.isEmpty()) {
            delegate.execute(commandString, session);
            return;
        }
        String help;
        try {
            help = session.getServer().getCommandHandler().getHelp(topic).toOutputString();
        } catch (CommandException unknown) {
            session.sendResponse("504 HELP topic \"" + topic + "\" unknown.");
            return;
        }
        session.sendResponse(reply(help));
    }

    /** The help text's lines, each with the code (as a continuation where the library left it out), CRLF between. */
    static String reply(String help) {
        StringJoiner reply = new StringJoiner("\r\n");
        for (String line : help.split("\r?\n")) {
            reply.add(line.startsWith("214-") || line.startsWith("214 ") ? line : "214-    " + line.strip());
        }
        return reply.toString();
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
