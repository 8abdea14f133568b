package dev.openmail.application.extraction;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.extraction.ExtractionBusyException;
import dev.openmail.domain.extraction.ExtractionFailedException;
import dev.openmail.domain.mail.AttachmentInfo;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.StoredAttachment;
import dev.openmail.domain.port.in.GetAttachmentText;
import dev.openmail.domain.port.out.AttachmentTexts;
import dev.openmail.domain.port.out.ExtractText;
import dev.openmail.domain.port.out.ExtractionPool;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.Transactions;

import java.time.Duration;
import java.util.List;

/**
 * The text of an attachment: as stored when it was read, else read now on the shared extraction pool (waiting at most
 * {@code waitForSlot} for a slot, never inside a transaction) and stored with the message, as the worker would. Same
 * access rule as the attachment's download ({@code GetAttachmentService}).
 */
public final class GetAttachmentTextService implements GetAttachmentText {

    private final Transactions transactions;
    private final LoadMail loadMail;
    private final AttachmentTexts texts;
    private final ExtractionPool pool;
    private final Duration waitForSlot;

    public GetAttachmentTextService(Transactions transactions, LoadMail loadMail, AttachmentTexts texts,
                                    ExtractionPool pool, Duration waitForSlot) {
        this.transactions = transactions;
        this.loadMail = loadMail;
        this.texts = texts;
        this.pool = pool;
        this.waitForSlot = waitForSlot;
    }

    private record Found(int position, AttachmentInfo info) {
    }

    @Override
    public Result get(Caller caller, MessageId messageId, String filename) {
        Access.requireKind(caller, Action.READ_MAIL);
        Found found = transactions.inTransaction(() -> {
            Message message = loadMail.findMessage(caller.accountId(), messageId)
                    .orElseThrow(() -> Message.notFound(messageId.value()));
            Access.require(caller, Action.READ_MAIL, message.place());
            List<AttachmentInfo> attachments = message.attachments();
            for (int i = 0; i < attachments.size(); i++) {
                if (attachments.get(i).filename().equals(filename)) {
                    return new Found(i, attachments.get(i));
                }
            }
            throw new NotFoundException("Message " + messageId.value() + " has no attachment named '" + filename
                    + "'; its message lists the names it has.");
        });
        AttachmentText text = found.info().textOrNull();
        if (text == null) {
            StoredAttachment attachment = transactions.inTransaction(
                    () -> texts.attachmentAt(caller.accountId(), messageId, found.position()))
                    .orElseThrow(() -> Message.notFound(messageId.value()));
            text = pool.extract(new ExtractText.Request(filename, found.info().contentType(), attachment.content()),
                    waitForSlot).orElseThrow(() -> new ExtractionBusyException(Duration.ofSeconds(5)));
            AttachmentText read = text;
            transactions.inTransaction(() -> {
                texts.storeText(caller.accountId(), messageId, found.position(), read);
                return null;
            });
        }
        if (text.failureOrNull() != null) {
            throw new ExtractionFailedException(filename, text.failureOrNull());
        }
        return new Result(found.info().filename(), found.info().contentType(), text);
    }
}
