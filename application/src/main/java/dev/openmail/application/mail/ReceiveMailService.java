package dev.openmail.application.mail;

import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.Authentication;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.ParsedMail;
import dev.openmail.domain.port.in.ReceiveMail;
import dev.openmail.domain.port.out.AuthenticateMail;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.ParseMail;
import dev.openmail.domain.port.out.RecordEvents;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.SenderRuleStore;
import dev.openmail.domain.senderrule.FilterMode;
import dev.openmail.domain.senderrule.SenderRule;
import dev.openmail.domain.senderrule.SenderRules;
import dev.openmail.domain.port.out.Transactions;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Files an arriving message in each recipient's inbox: parsed once, then stored per inbox with its thread, all in one
 * transaction, so that either every inbox has it or none does. Each inbox's copy is reported by a
 * {@code message.received} event written in that same transaction.
 *
 * <p>Before filing, each inbox's sender rules decide (see {@link SenderRules}): the account's rules and the inbox's
 * pod's rules together, under the pod's filter mode when the pod has one set, else the account's (none by default).
 * A message filtered for an inbox is not stored there and records no event for it; the block rule that filtered it
 * counts one hit for the day (UTC). The SMTP answer does not change, so senders cannot probe the rules.
 */
public final class ReceiveMailService implements ReceiveMail {

    private final Transactions transactions;
    private final LoadInboxes loadInboxes;
    private final MailFiling filing;
    private final ParseMail parseMail;
    private final RecordEvents recordEvents;
    private final SenderRuleStore senderRules;
    private final Clock clock;
    private final AuthenticateMail authenticateMail;
    private final String hostName;

    /** Without authentication: messages are stored as given (tests of filing alone). */
    public ReceiveMailService(Transactions transactions, LoadInboxes loadInboxes, LoadMail loadMail, SaveMail saveMail,
                              ParseMail parseMail, RecordEvents recordEvents, SenderRuleStore senderRules,
                              Clock clock) {
        this(transactions, loadInboxes, loadMail, saveMail, parseMail, recordEvents, senderRules, clock, null, null);
    }

    /**
     * {@code hostName} names this server in the {@code Received} and {@code Authentication-Results} headers added to
     * mail from an SMTP client; {@code authenticateMail} checks its sender.
     */
    public ReceiveMailService(Transactions transactions, LoadInboxes loadInboxes, LoadMail loadMail, SaveMail saveMail,
                              ParseMail parseMail, RecordEvents recordEvents, SenderRuleStore senderRules,
                              Clock clock, AuthenticateMail authenticateMail, String hostName) {
        this.authenticateMail = authenticateMail;
        this.hostName = hostName;
        this.transactions = transactions;
        this.loadInboxes = loadInboxes;
        this.filing = new MailFiling(loadMail, saveMail);
        this.parseMail = parseMail;
        this.recordEvents = recordEvents;
        this.senderRules = senderRules;
        this.clock = clock;
    }

    @Override
    public boolean accepts(String recipient) {
        return recipient != null && loadInboxes.findByAddress(normalized(recipient)).isPresent();
    }

    @Override
    public int receive(Command command) {
        Instant now = clock.instant();
        byte[] raw = command.raw();
        // first, so that a message over the MIME limits is refused before any DNS lookup; the trace headers added
        // below are not read by the parser
        ParsedMail mail = parseMail.parse(raw);
        Authentication authentication = null;
        if (command.clientIp() != null && authenticateMail != null) {
            // outside the transaction: DNS takes time, and nothing here may hold a lock meanwhile
            AuthenticateMail.Outcome outcome = authenticateMail.authenticate(new AuthenticateMail.Request(
                    command.clientIp(), command.helo(), command.envelopeSender(), raw, hostName));
            authentication = outcome.authentication();
            raw = TraceHeaders.prepend(raw, TraceHeaders.received(command, hostName, now),
                    "Authentication-Results: " + outcome.headerValue());
        }
        byte[] stored = raw;
        Authentication verdicts = authentication;
        return transactions.inTransaction(() -> {
            Map<String, Inbox> inboxes = new LinkedHashMap<>();
            for (String recipient : command.recipients()) {
                loadInboxes.findByAddress(normalized(recipient))
                        .ifPresent(inbox -> inboxes.putIfAbsent(inbox.id().value(), inbox));
            }
            List<MailEvent> received = new ArrayList<>();
            int filtered = 0;
            for (Inbox inbox : inboxes.values()) {
                if (!passesSenderRules(inbox, mail.from(), command.envelopeSender(), now)) {
                    filtered++;
                    continue;
                }
                Optional<Message> filed = filing.file(inbox, mail, stored, command.envelopeSender(), now,
                        verdicts);
                filed.ifPresent(message -> received.add(MailEvent.about(EventType.MESSAGE_RECEIVED, message, now)));
            }
            recordEvents.record(received);
            return received.size() + filtered;
        });
    }

    private boolean passesSenderRules(Inbox inbox, String from, String envelopeSender, Instant now) {
        List<SenderRule> accountRules = senderRules.rules(inbox.accountId(), null);
        List<SenderRule> podRules = senderRules.rules(inbox.accountId(), inbox.podId());
        FilterMode mode = senderRules.mode(inbox.accountId(), inbox.podId())
                .or(() -> senderRules.mode(inbox.accountId(), null))
                .orElse(FilterMode.NONE);
        SenderRules.Decision decision = SenderRules.decide(from, envelopeSender, accountRules, podRules, mode);
        if (decision.blockedByOrNull() != null) {
            senderRules.countHit(decision.blockedByOrNull(), LocalDate.ofInstant(now, ZoneOffset.UTC));
        }
        return decision.accepted();
    }

    private static String normalized(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
