package dev.openmail.application.mail;

import dev.openmail.domain.delivery.BounceAddress;
import dev.openmail.domain.port.in.ReceiveMail;
import dev.openmail.domain.port.out.LoadDomains;
import dev.openmail.domain.port.out.Transactions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Mail over SMTP for the server itself, in front of the inboxes ({@link ReceiveMailService}):
 * <ul>
 *   <li>a sent message's bounce address ({@code bounces+<token>@...}) takes mail when its token is known, and what
 *   arrives is read as a delivery report ({@link ReportedDeliveries}), never stored in an inbox;</li>
 *   <li>{@code postmaster@} of the installation's domain and of every verified domain goes to the operator's
 *   postmaster inbox when one is set (RFC 5321 4.5.1), and is refused when none is.</li>
 * </ul>
 * Every other recipient is the inboxes' business.
 */
public final class ReceiveServerMail implements ReceiveMail {

    private static final String POSTMASTER = "postmaster";

    private final Transactions transactions;
    private final ReceiveMail inboxes;
    private final ReportedDeliveries reports;
    private final LoadDomains loadDomains;
    private final String installationDomain;
    private final String postmasterInboxOrNull;

    public ReceiveServerMail(Transactions transactions, ReceiveMail inboxes, ReportedDeliveries reports,
                             LoadDomains loadDomains, String installationDomain, String postmasterInboxOrNull) {
        this.transactions = transactions;
        this.inboxes = inboxes;
        this.reports = reports;
        this.loadDomains = loadDomains;
        this.installationDomain = installationDomain.toLowerCase(Locale.ROOT);
        this.postmasterInboxOrNull = postmasterInboxOrNull;
    }

    @Override
    public Recipient check(String recipient) {
        if (recipient == null) {
            return Recipient.UNKNOWN;
        }
        Optional<String> token = bounceToken(recipient);
        if (token.isPresent()) {
            return reports.known(token.get()) ? Recipient.ACCEPTED : Recipient.UNKNOWN;
        }
        if (isPostmaster(recipient)) {
            return postmasterInboxOrNull == null ? Recipient.UNKNOWN : inboxes.check(postmasterInboxOrNull);
        }
        return inboxes.check(recipient);
    }

    @Override
    public Receipt receive(Command command) {
        List<String> tokens = new ArrayList<>();
        List<String> ordinary = new ArrayList<>();
        for (String recipient : command.recipients()) {
            Optional<String> token = bounceToken(recipient);
            if (token.isPresent()) {
                tokens.add(token.get());
            } else if (isPostmaster(recipient)) {
                if (postmasterInboxOrNull != null && !ordinary.contains(postmasterInboxOrNull)) {
                    ordinary.add(postmasterInboxOrNull);
                }
            } else {
                ordinary.add(recipient);
            }
        }
        int reported = tokens.isEmpty() ? 0 : reports.receive(tokens, command.raw());
        if (ordinary.isEmpty()) {
            return Receipt.taken(reported);
        }
        Receipt filed = inboxes.receive(new Command(command.raw(), command.envelopeSender(), ordinary,
                command.clientIp(), command.helo()));
        return filed.refusalOrNull() != null ? filed : Receipt.taken(filed.taken() + reported);
    }

    private static Optional<String> bounceToken(String address) {
        String stripped = address.strip();
        int at = stripped.lastIndexOf('@');
        return at <= 0 ? Optional.empty() : BounceAddress.tokenOf(stripped.substring(0, at));
    }

    private boolean isPostmaster(String address) {
        String normalized = address.strip().toLowerCase(Locale.ROOT);
        int at = normalized.lastIndexOf('@');
        if (at <= 0 || !normalized.substring(0, at).equals(POSTMASTER)) {
            return false;
        }
        String domain = normalized.substring(at + 1);
        return transactions.inTransaction(() -> ServedDomains.serves(domain, installationDomain, loadDomains));
    }
}
