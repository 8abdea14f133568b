package dev.openmail.application.mail;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.port.in.ListThreads;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.Transactions;

public final class ListThreadsService implements ListThreads {

    private final Transactions transactions;
    private final LoadInboxes loadInboxes;
    private final LoadMail loadMail;

    public ListThreadsService(Transactions transactions, LoadInboxes loadInboxes, LoadMail loadMail) {
        this.transactions = transactions;
        this.loadInboxes = loadInboxes;
        this.loadMail = loadMail;
    }

    @Override
    public Page<MailThread> list(Caller caller, InboxId inboxId, Boolean isReadOrNull, PageRequest page) {
        Access.requireKind(caller, Action.READ_MAIL);
        return transactions.reading(() -> {
            Inbox inbox = ReadMailAccess.inboxFor(caller, Action.READ_MAIL, loadInboxes, inboxId);
            return loadMail.listThreads(caller.accountId(), inbox.id(), isReadOrNull, page);
        });
    }
}
