package dev.openmail.application.mail;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.BodyBudget;
import dev.openmail.domain.mail.BoundedMessage;
import dev.openmail.domain.port.in.SearchMail;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.OutboundRecipients;
import dev.openmail.domain.port.out.SearchMessages;
import dev.openmail.domain.port.out.Transactions;
import dev.openmail.domain.search.SearchQuery;
import dev.openmail.domain.search.SearchScope;

public final class SearchMailService implements SearchMail {

    private final Transactions transactions;
    private final LoadInboxes loadInboxes;
    private final SearchMessages searchMessages;
    private final OutboundRecipients recipients;

    public SearchMailService(Transactions transactions, LoadInboxes loadInboxes, SearchMessages searchMessages) {
        this(transactions, loadInboxes, searchMessages, null);
    }

    /** With {@code recipients}, each sent message found carries what became of it for its recipients. */
    public SearchMailService(Transactions transactions, LoadInboxes loadInboxes, SearchMessages searchMessages,
                             OutboundRecipients recipients) {
        this.transactions = transactions;
        this.loadInboxes = loadInboxes;
        this.searchMessages = searchMessages;
        this.recipients = recipients;
    }

    @Override
    public Page<BoundedMessage> inInbox(Caller caller, InboxId inboxId, SearchQuery query, PageRequest page,
                                        BodyBudget budget) {
        Access.requireKind(caller, Action.READ_MAIL);
        return transactions.reading(() -> {
            Inbox inbox = ReadMailAccess.inboxFor(caller, Action.READ_MAIL, loadInboxes, inboxId);
            return SentDelivery.added(recipients, caller.accountId(),
                    searchMessages.search(caller.accountId(), SearchScope.inbox(inbox.id()), query, page, budget));
        });
    }

    /** The key's own reach is the scope, so no place needs checking: nothing outside it is ever looked at. */
    @Override
    public Page<BoundedMessage> everywhere(Caller caller, SearchQuery query, PageRequest page, BodyBudget budget) {
        Access.requireKind(caller, Action.READ_MAIL);
        return transactions.reading(() -> SentDelivery.added(recipients, caller.accountId(),
                searchMessages.search(caller.accountId(), SearchScope.reachOf(caller.scope()), query, page, budget)));
    }
}
