package dev.openmail.application.mail;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.port.in.GetRawMessage;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.Transactions;

public final class GetRawMessageService implements GetRawMessage {

    private final Transactions transactions;
    private final LoadMail loadMail;

    public GetRawMessageService(Transactions transactions, LoadMail loadMail) {
        this.transactions = transactions;
        this.loadMail = loadMail;
    }

    @Override
    public byte[] get(Caller caller, MessageId messageId) {
        Access.requireKind(caller, Action.READ_MAIL);
        return transactions.inTransaction(() -> {
            Message message = loadMail.findMessage(caller.accountId(), messageId)
                    .orElseThrow(() -> Message.notFound(messageId.value()));
            Access.require(caller, Action.READ_MAIL, message.place());
            return loadMail.findRaw(caller.accountId(), messageId).orElseThrow(() -> Message.notFound(messageId.value()));
        });
    }
}
