package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.InboxId;

import java.util.Collection;
import java.util.Set;

/**
 * Who has written to an inbox: each address (lower case) that sent it an inbound message, over SMTP or from another
 * inbox of this installation. Mail to them is warm, and passes the cold-outreach caps. In the caller's transaction.
 */
public interface Correspondents {

    /** Notes that {@code address} wrote to the inbox; a second note of the same address changes nothing. */
    void record(AccountId accountId, InboxId inboxId, String address);

    /** Those of {@code addresses} (lower case) that have written to the inbox. */
    Set<String> warmAmong(AccountId accountId, InboxId inboxId, Collection<String> addresses);
}
