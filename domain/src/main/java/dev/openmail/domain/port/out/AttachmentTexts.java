package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.StoredAttachment;

import java.util.Optional;

/** The attachments of stored messages, one at a time by position, and the texts read from them. */
public interface AttachmentTexts {

    /** The message's attachment at {@code position} (0 for the first), with its bytes. */
    Optional<StoredAttachment> attachmentAt(AccountId accountId, MessageId messageId, int position);

    /** Stores what reading the attachment at {@code position} gave; nothing when it is gone. */
    void storeText(AccountId accountId, MessageId messageId, int position, AttachmentText text);
}
