package dev.openmail.adapters.smtpin;

import java.io.IOException;
import java.util.Locale;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;

/**
 * Wraps MAIL so that the SIZE parameter of RFC 1870 is read before SubEthaSMTP 7.1.7 reads it.
 *
 * <p>The library reads SIZE with {@code Integer.parseInt}, so a declared size beyond 2^31-1 throws out of the session
 * (421 and a hang-up); it also ignores a SIZE followed by another parameter, and one that is not a number. Here a size
 * over the limit, of any length, gets 552 5.3.4 as RFC 1870 asks, and a SIZE whose value is not {@code 1*DIGIT} gets
 * 501 5.5.4 (a syntax error in the arguments of a parameter the listener does know, so not 555, which RFC 5321 section
 * 4.1.1.11 keeps for parameters that are not recognized). Both leave the session as it was. SIZE is checked before the
 * library looks at the address, so a bad address with a bad SIZE gets the SIZE's reply rather than 553; everything
 * else is the library's.
 */
final class DeclaredSizeCheckingMailCommand implements Command {

    static final String TOO_LARGE = "552 5.3.4 Message size exceeds fixed limit";
    static final String BAD_SIZE = "501 5.5.4 Syntax error in parameter SIZE: a number of bytes expected";

    private final Command delegate;
    private final SmtpMetrics metrics;

    DeclaredSizeCheckingMailCommand(Command delegate, SmtpMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        // with a transaction open the library answers 503 whatever the parameters say
        if (!session.isMailTransactionInProgress()) {
            String refusal = refusal(commandString, session.getServer().getMaxMessageSize());
            if (refusal != null) {
                metrics.refused(refusal.equals(TOO_LARGE) ? SmtpMetrics.Refusal.TOO_LARGE : SmtpMetrics.Refusal.BAD_SIZE);
                session.sendResponse(refusal);
                return;
            }
        }
        try {
            delegate.execute(commandString, session);
        } catch (NumberFormatException sizeBeyondInt) {
            // the library's own reading of SIZE found digits the check above did not see as a parameter (after a path
            // that never closes); it throws before it has answered or changed the session, and digits that overflow
            // an int are more than any limit
            metrics.refused(SmtpMetrics.Refusal.TOO_LARGE);
            session.sendResponse(TOO_LARGE);
        }
    }

    /** The reply to a SIZE parameter that is malformed or over {@code maxMessageBytes}; null when there is none. */
    static String refusal(String commandString, int maxMessageBytes) {
        String size = sizeParameter(commandString);
        if (size == null) {
            return null;
        }
        if (size.isEmpty() || !size.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return BAD_SIZE;
        }
        String digits = size.replaceFirst("^0+(?=.)", "");
        // 18 digits always fit in a long; anything longer is beyond every limit an int can hold
        return digits.length() > 18 || Long.parseLong(digits) > maxMessageBytes ? TOO_LARGE : null;
    }

    /**
     * The value of the first SIZE parameter after the reverse-path of a {@code MAIL FROM:} line (empty for
     * {@code SIZE=}), or null when the line has none or is no MAIL FROM at all (which the library answers).
     */
    private static String sizeParameter(String commandString) {
        // read as the library reads it: after the four letters of the verb, trimmed
        String arguments = commandString.length() <= 4 ? "" : commandString.substring(4).trim();
        if (!arguments.toUpperCase(Locale.ENGLISH).startsWith("FROM:")) {
            return null;
        }
        String path = arguments.substring(5).stripLeading();
        int end;
        if (path.startsWith("<")) {
            end = path.indexOf('>');
            if (end < 0) {
                return null;
            }
            end++;
        } else {
            end = 0;
            while (end < path.length() && !Character.isWhitespace(path.charAt(end))) {
                end++;
            }
        }
        for (String parameter : path.substring(end).strip().split("\\s+")) {
            if (parameter.regionMatches(true, 0, "SIZE=", 0, 5)) {
                return parameter.substring(5);
            }
        }
        return null;
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
