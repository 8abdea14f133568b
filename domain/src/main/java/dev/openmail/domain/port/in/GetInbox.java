package dev.openmail.domain.port.in;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;

public interface GetInbox {

    Inbox get(AccountId accountId, InboxId inboxId);
}
