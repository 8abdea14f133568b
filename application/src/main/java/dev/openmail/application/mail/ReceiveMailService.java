package dev.openmail.application.mail;

import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.ParsedMail;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.mail.Threading;
import dev.openmail.domain.port.in.ReceiveMail;
import dev.openmail.domain.port.out.InboxGoneException;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.ParseMail;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.Transactions;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Files an arriving message in each recipient's inbox: parsed once, then stored per inbox with its thread, all in one
 * transaction, so that either every inbox has it or none does.
 */
public final class ReceiveMailService implements ReceiveMail {

    private final Transactions transactions;
    private final LoadInboxes loadInboxes;
    private final LoadMail loadMail;
    private final SaveMail saveMail;
    private final ParseMail parseMail;
    private final Clock clock;

    public ReceiveMailService(Transactions transactions, LoadInboxes loadInboxes, LoadMail loadMail, SaveMail saveMail,
                              ParseMail parseMail, Clock clock) {
        this.transactions = transactions;
        this.loadInboxes = loadInboxes;
        this.loadMail = loadMail;
        this.saveMail = saveMail;
        this.parseMail = parseMail;
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
            int stored = 0;
            for (Inbox inbox : inboxes.values()) {
                if (file(inbox, mail, command, now)) {
                    stored++;
                }
            }
            return stored;
        });
    }

    /** Stores the message in one inbox; false when the inbox was deleted since it was looked up. */
    private boolean file(Inbox inbox, ParsedMail mail, Command command, Instant now) {
        Optional<MailThread> existing = Threading.threadFor(mail,
                        rfcId -> loadMail.threadOfMessageId(inbox.accountId(), inbox.id(), rfcId))
                .flatMap(id -> loadMail.findThreadForUpdate(inbox.accountId(), id));
        MailThread thread;
        if (existing.isPresent()) {
            thread = existing.get().withInbound(now);
            saveMail.updateThread(thread);
        } else {
            thread = MailThread.open(inbox, mail.subject(), now).withInbound(now);
            try {
                saveMail.insertThread(thread);
            } catch (InboxGoneException deletedMeanwhile) {
                return false;
            }
        }
        ThreadId threadId = thread.id();
        Message message = Message.inbound(inbox, threadId, mail, command.envelopeSender(), now);
        try {
            saveMail.insertMessage(message, command.raw(), mail.attachments());
            return true;
        } catch (InboxGoneException deletedMeanwhile) {
            return false;
        }
    }

    private static String normalized(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
