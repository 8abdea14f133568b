package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.MessageStatus;
import dev.openmail.domain.mail.ParsedAttachment;

import java.util.List;

public interface SaveMail {

    void insertThread(MailThread thread);

    /** Stores the thread's read mark, message count and last message time; false when the thread is gone. */
    boolean updateThread(MailThread thread);

    /** Sets an outbound message's status (sent, failed). */
    void updateStatus(AccountId accountId, MessageId messageId, MessageStatus status);

    /**
     * Stores the message with its raw form and its attachments' bytes, in the order given (the order of
     * {@code message.attachments()}). Throws {@link InboxGoneException} when the inbox was deleted meanwhile, and
     * IllegalArgumentException when the parts are not the attachments the message lists
     * ({@link Message#requireListedAttachments}).
     */
    void insertMessage(Message message, byte[] raw, List<ParsedAttachment> attachments);
}
