package dev.openmail.domain.port.in;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.InboxId;

public interface DeleteInbox {

    void delete(AccountId accountId, InboxId inboxId);
}
