package dev.openmail.application.mail;

import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.port.out.StorageUsage;
import dev.openmail.domain.usage.StorageQuotas;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Quotas and usage counters for mail being filed, inside the filing transaction: first every counter involved is
 * locked and the quota rule ({@link StorageQuotas#room}) asked for each copy, counting the copies before it into the
 * same inbox and account; then, once filed, each copy is counted. Shared by mail from SMTP and mail sent.
 */
final class StorageAccounting {

    private final StorageUsage usage;
    private final StorageQuotas quotas;

    StorageAccounting(StorageUsage usage, StorageQuotas quotas) {
        this.usage = usage;
        this.quotas = quotas;
    }

    /** One copy of a message to be stored in an inbox: received there, or sent from it. */
    record Copy(Inbox inbox, boolean inbound, long bytes) {
    }

    /** A copy that does not fit, and why. */
    record Refused(Copy copy, StorageQuotas.Room room) {
    }

    /**
     * Locks the counters of the copies' inboxes and accounts and answers the copy that does not fit, the one that never
     * could before one that could later; empty when all fit. A copy for an inbox deleted meanwhile is not checked (it
     * will not be stored).
     */
    Optional<Refused> check(List<Copy> copies) {
        Map<InboxId, Inbox> inboxes = new LinkedHashMap<>();
        copies.forEach(copy -> inboxes.putIfAbsent(copy.inbox().id(), copy.inbox()));
        Map<InboxId, StorageQuotas.Standing> standings = usage.lockForFiling(inboxes.values());
        Map<InboxId, Long> addedToInbox = new HashMap<>();
        Map<String, Long> addedToAccount = new HashMap<>();
        Refused full = null;
        for (Copy copy : copies) {
            StorageQuotas.Standing standing = standings.get(copy.inbox().id());
            if (standing == null) {
                continue;
            }
            String account = copy.inbox().accountId().value();
            StorageQuotas.Standing withEarlierCopies = new StorageQuotas.Standing(
                    standing.inboxBytes() + addedToInbox.getOrDefault(copy.inbox().id(), 0L),
                    standing.accountBytes() + addedToAccount.getOrDefault(account, 0L),
                    standing.accountQuotaOrNull());
            StorageQuotas.Room room = quotas.room(withEarlierCopies, copy.bytes());
            if (room == StorageQuotas.Room.NEVER) {
                return Optional.of(new Refused(copy, room));
            }
            if (room == StorageQuotas.Room.FULL && full == null) {
                full = new Refused(copy, room);
            }
            addedToInbox.merge(copy.inbox().id(), copy.bytes(), Long::sum);
            addedToAccount.merge(account, copy.bytes(), Long::sum);
        }
        return Optional.ofNullable(full);
    }

    /** Whether an inbox (or its account) is at or over its quota, read without locking. */
    boolean isFull(Inbox inbox) {
        return quotas.isFull(usage.standing(inbox));
    }

    /** Counts a copy that was stored. */
    void count(Copy copy) {
        usage.count(copy.inbox(), copy.inbound(), copy.bytes());
    }
}
