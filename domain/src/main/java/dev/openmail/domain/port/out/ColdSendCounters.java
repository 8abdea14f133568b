package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.InboxId;

/**
 * Cold sends counted per UTC day, by inbox and by account, in the caller's transaction, so that a send refused or
 * failing later counts nothing. Each count of {@code sends} is all or nothing, and concurrent counts (from any server
 * process) never take a day past its cap. A day's count forgets the days before it.
 */
public interface ColdSendCounters {

    /** Adds {@code sends} to the inbox's count of the day starting {@code dayStart} (epoch millis) if it stays within
     * {@code cap} (at least 1); false, counting nothing, otherwise. */
    boolean tryCountForInbox(AccountId accountId, InboxId inboxId, long dayStart, int sends, int cap);

    /** As {@link #tryCountForInbox}, for the account's count across all its inboxes. */
    boolean tryCountForAccount(AccountId accountId, long dayStart, int sends, int cap);
}
