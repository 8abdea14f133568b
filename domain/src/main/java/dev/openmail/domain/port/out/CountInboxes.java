package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.InboxQuota;

public interface CountInboxes {

    /**
     * The account's inboxes against its limit. Holds the account until the transaction ends, so that concurrent
     * creations in one account are counted one after the other and the limit holds.
     */
    InboxQuota quotaForNewInbox(AccountId accountId);
}
