package dev.openmail.application.mail;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.delivery.DeliveryState;
import dev.openmail.domain.delivery.RecipientDelivery;
import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.OutboundRecipients;
import dev.openmail.domain.port.out.OutboundRecipients.Addressee;
import dev.openmail.domain.port.out.ReadDeliveryReports;
import dev.openmail.domain.port.out.ReadDeliveryReports.ComplaintReport;
import dev.openmail.domain.port.out.ReadDeliveryReports.DeliveryReport;
import dev.openmail.domain.port.out.ReadDeliveryReports.RecipientStatus;
import dev.openmail.domain.port.out.ReadDeliveryReports.StatusReport;
import dev.openmail.domain.port.out.RecordEvents;
import dev.openmail.domain.port.out.Suppressions;
import dev.openmail.domain.port.out.Transactions;
import dev.openmail.domain.suppression.Suppression;
import dev.openmail.domain.suppression.SuppressionType;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What comes back to a sent message's bounce addresses ({@code bounces+<token>@...}): the token names the message and
 * the recipient, and the report says what happened.
 * <ul>
 *   <li>A delivery status notification with a permanent failure (action {@code failed}, status 5.x.x) for that
 *   recipient marks it {@code bounced}, suppresses the address for the account as a {@code bounce}, and records a
 *   {@code message.bounced} event with every recipient's state.</li>
 *   <li>A temporary failure (4.x.x) counts as a soft bounce; the address is suppressed as a {@code bounce} once it has
 *   had {@link Settings#softBounceLimit()} of them.</li>
 *   <li>An abuse feedback report (ARF) suppresses the address as a {@code complaint}.</li>
 *   <li>Anything else (a success notice, prose, a report on someone else) changes nothing.</li>
 * </ul>
 * The report is about the recipient the token names: a DSN's recipient blocks are matched to it by address, and a
 * DSN with a single block is taken as about it even when the address differs (a forwarding server reports the
 * address it forwarded to).
 */
public final class ReportedDeliveries {

    /**
     * {@code softBounceLimit}: soft bounces of one address before it is suppressed (0: never);
     * {@code postmasterAddressOrNull}: the inbox of this installation that takes mail for {@code postmaster@} of every
     * domain served here (null: none, and postmaster mail is refused).
     */
    public record Settings(int softBounceLimit, String postmasterAddressOrNull) {

        public static final Settings DEFAULT = new Settings(3, null);

        public Settings {
            if (softBounceLimit < 0) {
                throw new IllegalArgumentException("the soft bounce limit is 0 (never) or more: " + softBounceLimit);
            }
            postmasterAddressOrNull = postmasterAddressOrNull == null || postmasterAddressOrNull.isBlank() ? null
                    : postmasterAddressOrNull.strip().toLowerCase(Locale.ROOT);
        }
    }

    private final Transactions transactions;
    private final OutboundRecipients recipients;
    private final ReadDeliveryReports reader;
    private final Suppressions suppressions;
    private final LoadMail loadMail;
    private final RecordEvents recordEvents;
    private final Clock clock;
    private final Settings settings;

    public ReportedDeliveries(Transactions transactions, OutboundRecipients recipients, ReadDeliveryReports reader,
                              Suppressions suppressions, LoadMail loadMail, RecordEvents recordEvents, Clock clock,
                              Settings settings) {
        this.transactions = transactions;
        this.recipients = recipients;
        this.reader = reader;
        this.suppressions = suppressions;
        this.loadMail = loadMail;
        this.recordEvents = recordEvents;
        this.clock = clock;
        this.settings = settings;
    }

    /** Whether a bounce address with this token belongs to a recipient of a message sent from here. */
    public boolean known(String token) {
        return transactions.inTransaction(() -> recipients.findByBounceToken(token)).isPresent();
    }

    /** Reads the report once and applies it to each token's recipient; answers how many tokens were known. */
    public int receive(List<String> tokens, byte[] raw) {
        Optional<DeliveryReport> report = reader.read(raw);
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            int known = 0;
            for (String token : tokens) {
                Optional<Addressee> addressee = recipients.findByBounceToken(token);
                if (addressee.isEmpty()) {
                    continue;
                }
                known++;
                // mail to a bounce address that is no delivery report changes nothing
                report.ifPresent(found -> apply(addressee.get(), found, now));
            }
            return known;
        });
    }

    private void apply(Addressee addressee, DeliveryReport report, Instant now) {
        Optional<Message> message = loadMail.findMessage(addressee.accountId(), addressee.messageId());
        if (message.isEmpty()) {
            return;
        }
        RecipientDelivery recipient = addressee.recipient();
        if (report instanceof ComplaintReport complaint) {
            suppress(message.get(), recipient.address(), SuppressionType.COMPLAINT,
                    "feedback report: " + complaint.feedbackType(), now);
            return;
        }
        Optional<RecipientStatus> status = statusOf((StatusReport) report, recipient.address());
        if (status.isEmpty()) {
            return;
        }
        String reply = status.get().status() + (status.get().diagnostic().isEmpty() ? ""
                : " " + status.get().diagnostic());
        if (status.get().hardBounce()) {
            if (recipient.state().pending()) {
                // still being worked on here: the outbox's own attempts decide
                return;
            }
            RecipientDelivery bounced = recipient.now(DeliveryState.BOUNCED, reply, now);
            recipients.update(addressee.accountId(), addressee.messageId(), bounced);
            suppress(message.get(), recipient.address(), SuppressionType.BOUNCE, reply, now);
            recordEvents.record(List.of(MailEvent.about(EventType.MESSAGE_BOUNCED, message.get(), now,
                    recipients.of(addressee.accountId(), addressee.messageId()))));
        } else if (status.get().softBounce()) {
            int count = suppressions.countSoftBounce(addressee.accountId(), recipient.address(), now);
            if (settings.softBounceLimit() > 0 && count >= settings.softBounceLimit()) {
                suppress(message.get(), recipient.address(), SuppressionType.BOUNCE,
                        count + " soft bounces; last: " + reply, now);
            }
        }
    }

    private static Optional<RecipientStatus> statusOf(StatusReport report, String address) {
        List<RecipientStatus> blocks = report.recipients();
        Optional<RecipientStatus> named = blocks.stream()
                .filter(block -> block.recipient().equalsIgnoreCase(address)).findFirst();
        if (named.isPresent() || blocks.size() != 1) {
            return named;
        }
        return Optional.of(blocks.get(0));
    }

    private void suppress(Message message, String address, SuppressionType type, String reason, Instant now) {
        AccountId account = message.accountId();
        String kept = reason.length() > Suppression.MAX_REASON_LENGTH
                ? reason.substring(0, Suppression.MAX_REASON_LENGTH) : reason;
        try {
            suppressions.insertIfAbsent(new Suppression(account, message.podId(), address, type, kept, now));
        } catch (InvalidInputException unlisted) {
            // an address the list cannot hold (longer than 254 characters, say) stays off it
        }
    }
}
