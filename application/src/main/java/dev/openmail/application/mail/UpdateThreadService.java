package dev.openmail.application.mail;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.port.in.UpdateThread;
import dev.openmail.domain.port.out.LoadMail;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.Transactions;

public final class UpdateThreadService implements UpdateThread {

    private final Transactions transactions;
    private final LoadMail loadMail;
    private final SaveMail saveMail;

    public UpdateThreadService(Transactions transactions, LoadMail loadMail, SaveMail saveMail) {
        this.transactions = transactions;
        this.loadMail = loadMail;
        this.saveMail = saveMail;
    }

    @Override
    public MailThread markRead(Caller caller, ThreadId threadId, boolean isRead) {
        Access.requireKind(caller, Action.MARK_THREADS);
        return transactions.inTransaction(() -> {
            MailThread thread = loadMail.findThreadForUpdate(caller.accountId(), threadId)
                    .orElseThrow(() -> MailThread.notFound(threadId.value()));
            Access.require(caller, Action.MARK_THREADS, thread.place());
            MailThread marked = thread.markedRead(isRead);
            if (!saveMail.updateThread(marked)) {
                throw MailThread.notFound(threadId.value());
            }
            return marked;
        });
    }
}
