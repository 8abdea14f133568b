package dev.openmail.application.mail;

import dev.openmail.domain.event.EventType;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.ParsedMail;
import dev.openmail.domain.port.in.ReceiveMail;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.ParseMail;
import dev.openmail.domain.port.out.RecordEvents;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.Transactions;

import java.time.Clock;
import java.time.Instant;
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
 */
public final class ReceiveMailService implements ReceiveMail {

    private final Transactions transactions;
    private final LoadInboxes loadInboxes;
    private final MailFiling filing;
    private final ParseMail parseMail;
    private final RecordEvents recordEvents;
    private final Clock clock;

    public ReceiveMailService(Transactions transactions, LoadInboxes loadInboxes, LoadMail loadMail, SaveMail saveMail,
                              ParseMail parseMail, RecordEvents recordEvents, Clock clock) {
        this.transactions = transactions;
        this.loadInboxes = loadInboxes;
        this.filing = new MailFiling(loadMail, saveMail);
        this.parseMail = parseMail;
        this.recordEvents = recordEvents;
        this.clock = clock;
    }

    @Override
    public boolean accepts(String recipient) {
        return recipient != null && loadInboxes.findByAddress(normalized(recipient)).isPresent();
    }

    @Override
    public int receive(Command command) {
        ParsedMail mail = parseMail.parse(command.raw());
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            Map<String, Inbox> inboxes = new LinkedHashMap<>();
            for (String recipient : command.recipients()) {
                loadInboxes.findByAddress(normalized(recipient))
                        .ifPresent(inbox -> inboxes.putIfAbsent(inbox.id().value(), inbox));
            }
            List<MailEvent> received = new ArrayList<>();
            for (Inbox inbox : inboxes.values()) {
                Optional<Message> filed = filing.file(inbox, mail, command.raw(), command.envelopeSender(), now);
                filed.ifPresent(message -> received.add(MailEvent.about(EventType.MESSAGE_RECEIVED, message, now)));
            }
            recordEvents.record(received);
            return received.size();
        });
    }

    private static String normalized(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
