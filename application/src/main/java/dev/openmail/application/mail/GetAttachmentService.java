package dev.openmail.application.mail;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.StoredAttachment;
import dev.openmail.domain.port.in.GetAttachment;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.Transactions;

public final class GetAttachmentService implements GetAttachment {

    private final Transactions transactions;
    private final LoadMail loadMail;

    public GetAttachmentService(Transactions transactions, LoadMail loadMail) {
        this.transactions = transactions;
        this.loadMail = loadMail;
    }

    @Override
    public StoredAttachment get(Caller caller, MessageId messageId, String filename) {
        Access.requireKind(caller, Action.READ_MAIL);
        return transactions.inTransaction(() -> {
            Message message = loadMail.findMessage(caller.accountId(), messageId)
                    .orElseThrow(() -> Message.notFound(messageId.value()));
            Access.require(caller, Action.READ_MAIL, message.place());
            return loadMail.findAttachment(caller.accountId(), messageId, filename)
                    .orElseThrow(() -> new NotFoundException("Message " + messageId.value()
                            + " has no attachment named '" + filename + "'; its message lists the names it has."));
        });
    }
}
