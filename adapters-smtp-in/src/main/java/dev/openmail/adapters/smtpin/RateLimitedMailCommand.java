package dev.openmail.adapters.smtpin;

import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;

/**
 * Wraps MAIL so that each new transaction takes one message from the client address's allowance
 * ({@link ClientAddressLimits}); with none left MAIL gets {@code 451 4.7.1} and the session stays as it was, so the
 * client may try again later on the same connection.
 */
final class RateLimitedMailCommand implements Command {

    private final Command delegate;
    private final ClientAddressLimits limits;
    private final SmtpMetrics metrics;

    RateLimitedMailCommand(Command delegate, ClientAddressLimits limits, SmtpMetrics metrics) {
        this.delegate = delegate;
        this.limits = limits;
        this.metrics = metrics;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        // with a transaction open the library answers 503, which costs nothing
        if (!session.isMailTransactionInProgress() && !limits.tryBeginMessage(session)) {
            metrics.refused(SmtpMetrics.Refusal.RATE_LIMITED);
            session.sendResponse(ClientAddressLimits.TOO_MANY_MESSAGES);
            return;
        }
        delegate.execute(commandString, session);
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
