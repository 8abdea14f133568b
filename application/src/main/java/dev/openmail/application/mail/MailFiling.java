package dev.openmail.application.mail;

import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.Authentication;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.ParsedMail;
import dev.openmail.domain.mail.SpamVerdict;
import dev.openmail.domain.mail.Threading;
import dev.openmail.domain.port.out.Correspondents;
import dev.openmail.domain.port.out.InboxGoneException;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.SaveMail;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Files one arriving message in one inbox, inside the caller's transaction: into the thread it replies to, or a new
 * one, which it marks unread, and notes its sender as one of the inbox's correspondents. Shared by mail from SMTP and
 * mail sent from another inbox of this installation.
 */
final class MailFiling {

    private final LoadMail loadMail;
    private final SaveMail saveMail;
    private final Correspondents correspondents;

    /** With {@code correspondents} null, who wrote is not noted. */
    MailFiling(LoadMail loadMail, SaveMail saveMail, Correspondents correspondents) {
        this.loadMail = loadMail;
        this.saveMail = saveMail;
        this.correspondents = correspondents;
    }

    /** The message as filed; empty when the inbox was deleted since it was looked up, and nothing is stored for it. */
    Optional<Message> file(Inbox inbox, ParsedMail mail, byte[] raw, String envelopeSender, Instant now) {
        return file(inbox, mail, raw, envelopeSender, now, null, null);
    }

    /**
     * As {@link #file(Inbox, ParsedMail, byte[], String, Instant)}, with what checking the sender found and what the
     * spam scanner said (each null when not known).
     */
    Optional<Message> file(Inbox inbox, ParsedMail mail, byte[] raw, String envelopeSender, Instant now,
                           Authentication authentication, SpamVerdict spam) {
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
                return Optional.empty();
            }
        }
        Message message = Message.inbound(inbox, thread.id(), mail, envelopeSender, now, authentication, spam);
        try {
            saveMail.insertMessage(message, raw, mail.attachments());
            if (correspondents != null && !message.fromAddr().isBlank()) {
                // the sender is now warm for this inbox: mail back to it passes the cold-outreach caps
                correspondents.record(inbox.accountId(), inbox.id(), message.fromAddr().strip().toLowerCase(Locale.ROOT));
            }
            return Optional.of(message);
        } catch (InboxGoneException deletedMeanwhile) {
            return Optional.empty();
        }
    }
}
