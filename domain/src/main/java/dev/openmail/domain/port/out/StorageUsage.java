package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.usage.InboxUsage;
import dev.openmail.domain.usage.StorageQuota;
import dev.openmail.domain.usage.StorageQuotas;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counters of what each inbox received, sent and holds, and of what each account holds, kept in the transaction of the
 * mail that changes them. Counters only ever move by an atomic increment in the database, so that two servers on one
 * database agree.
 */
public interface StorageUsage {

    /** Where an inbox and its account stand now, read without locking (at RCPT TO). */
    StorageQuotas.Standing standing(Inbox inbox);

    /**
     * Locks the counters of these inboxes and of their accounts, accounts first, each in id order (the one lock
     * order), so that what the caller decides from the answer holds until its transaction ends. An inbox deleted
     * meanwhile has no answer.
     */
    Map<InboxId, StorageQuotas.Standing> lockForFiling(Collection<Inbox> inboxes);

    /** Counts one more message in an inbox (and its account): {@code inbound} or sent, of {@code bytes} stored. */
    void count(Inbox inbox, boolean inbound, long bytes);

    /** Takes an inbox's bytes off its account's total; called in the transaction that deletes the inbox. */
    void forget(Inbox inbox);

    /** The counters of these inboxes of one account; an inbox without mail yet may be missing. */
    List<InboxUsage> ofInboxes(AccountId accountId, Collection<InboxId> inboxes);

    /** The account's message counts summed over its inboxes, and the bytes it holds. */
    Totals totals(AccountId accountId);

    /** The operator's quota for the account; empty when it takes the installation's. */
    Optional<StorageQuota> accountQuota(AccountId accountId);

    record Totals(long inboundMessages, long outboundMessages, long storedBytes) {
    }
}
