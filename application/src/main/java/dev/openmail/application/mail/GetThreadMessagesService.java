package dev.openmail.application.mail;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.mail.BodyBudget;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.port.in.GetThreadMessages;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.OutboundRecipients;
import dev.openmail.domain.port.out.Transactions;

public final class GetThreadMessagesService implements GetThreadMessages {

    private final Transactions transactions;
    private final LoadMail loadMail;
    private final OutboundRecipients recipients;

    public GetThreadMessagesService(Transactions transactions, LoadMail loadMail) {
        this(transactions, loadMail, null);
    }

    /** With {@code recipients}, each sent message carries what became of it for its recipients. */
    public GetThreadMessagesService(Transactions transactions, LoadMail loadMail, OutboundRecipients recipients) {
        this.transactions = transactions;
        this.loadMail = loadMail;
        this.recipients = recipients;
    }

    @Override
    public ThreadWithMessages get(Caller caller, ThreadId threadId, PageRequest page, BodyBudget budget) {
        Access.requireKind(caller, Action.READ_MAIL);
        return transactions.reading(() -> {
            MailThread thread = loadMail.findThread(caller.accountId(), threadId)
                    .orElseThrow(() -> MailThread.notFound(threadId.value()));
            Access.require(caller, Action.READ_MAIL, thread.place());
            return new ThreadWithMessages(thread, SentDelivery.added(recipients, caller.accountId(),
                    loadMail.threadMessages(caller.accountId(), threadId, page, budget)));
        });
    }
}
