package dev.openmail.application.mail;

import dev.openmail.domain.mail.BoundedMessage;
import dev.openmail.domain.mail.BodyBudget;
import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.Direction;
import dev.openmail.domain.port.in.ListMessages;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.OutboundRecipients;
import dev.openmail.domain.port.out.Transactions;

public final class ListMessagesService implements ListMessages {

    private final Transactions transactions;
    private final LoadInboxes loadInboxes;
    private final LoadMail loadMail;
    private final OutboundRecipients recipients;

    public ListMessagesService(Transactions transactions, LoadInboxes loadInboxes, LoadMail loadMail) {
        this(transactions, loadInboxes, loadMail, null);
    }

    /** With {@code recipients}, each sent message carries what became of it for its recipients. */
    public ListMessagesService(Transactions transactions, LoadInboxes loadInboxes, LoadMail loadMail,
                               OutboundRecipients recipients) {
        this.transactions = transactions;
        this.loadInboxes = loadInboxes;
        this.loadMail = loadMail;
        this.recipients = recipients;
    }

    @Override
    public Page<BoundedMessage> list(Caller caller, InboxId inboxId, Direction directionOrNull, PageRequest page,
                                     BodyBudget budget) {
        Access.requireKind(caller, Action.READ_MAIL);
        return transactions.reading(() -> {
            Inbox inbox = ReadMailAccess.inboxFor(caller, Action.READ_MAIL, loadInboxes, inboxId);
            return SentDelivery.added(recipients, caller.accountId(),
                    loadMail.listMessages(caller.accountId(), inbox.id(), directionOrNull, page, budget));
        });
    }
}
