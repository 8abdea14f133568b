package dev.openmail.application.inbox;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.port.in.UpdateInbox;
import dev.openmail.domain.port.out.LoadInboxes;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.Transactions;

public final class UpdateInboxService implements UpdateInbox {

    private final Transactions transactions;
    private final LoadInboxes loadInboxes;
    private final SaveInbox saveInbox;

    public UpdateInboxService(Transactions transactions, LoadInboxes loadInboxes, SaveInbox saveInbox) {
        this.transactions = transactions;
        this.loadInboxes = loadInboxes;
        this.saveInbox = saveInbox;
    }

    @Override
    public Updated update(Command command) {
        Access.requireKind(command.caller(), Action.RENAME_INBOX);
        if (command.webhookUrl().isPresent()) {
            Access.requireKind(command.caller(), Action.CONFIGURE_WEBHOOKS);
        }
        return transactions.inTransaction(() -> {
            Inbox current = loadInboxes.find(command.caller().accountId(), command.inboxId())
                    .orElseThrow(() -> Inbox.notFound(command.inboxId().value()));
            Access.require(command.caller(), Action.RENAME_INBOX, current.place());
            if (command.webhookUrl().isPresent()) {
                Access.require(command.caller(), Action.CONFIGURE_WEBHOOKS, current.place());
            }
            Inbox updated = current.update(command.displayName(), command.webhookUrl());
            if (!saveInbox.update(updated)) {
                throw Inbox.notFound(command.inboxId().value());
            }
            boolean issued = updated.webhookSecret() != null && !updated.webhookSecret().equals(current.webhookSecret());
            return new Updated(updated, issued ? updated.webhookSecret() : null);
        });
    }
}
