package dev.openmail.application.fakes;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.port.out.StorageUsage;
import dev.openmail.domain.usage.InboxUsage;
import dev.openmail.domain.usage.StorageQuota;
import dev.openmail.domain.usage.StorageQuotas;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Usage counters in memory, reached through {@link InMemoryStore#usage()}; the account's quota is the one on the
 * store's account. Like the sender rules, these are not taken back when a transaction fails.
 */
public final class InMemoryStorageUsage implements StorageUsage {

    private final InMemoryStore store;
    private final Map<InboxId, InboxUsage> inboxes = new LinkedHashMap<>();
    private final Map<AccountId, Long> accounts = new HashMap<>();

    InMemoryStorageUsage(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public synchronized StorageQuotas.Standing standing(Inbox inbox) {
        return new StorageQuotas.Standing(bytesOf(inbox), accounts.getOrDefault(inbox.accountId(), 0L),
                accountQuota(inbox.accountId()).orElse(null));
    }

    @Override
    public synchronized Map<InboxId, StorageQuotas.Standing> lockForFiling(Collection<Inbox> filed) {
        Map<InboxId, StorageQuotas.Standing> standings = new LinkedHashMap<>();
        for (Inbox inbox : filed) {
            if (store.find(inbox.accountId(), inbox.id()).isPresent()) {
                standings.put(inbox.id(), standing(inbox));
            }
        }
        return standings;
    }

    @Override
    public synchronized void count(Inbox inbox, boolean inbound, long bytes) {
        InboxUsage now = inboxes.getOrDefault(inbox.id(), InboxUsage.none(inbox.id(), inbox.podId()));
        inboxes.put(inbox.id(), new InboxUsage(inbox.id(), inbox.podId(),
                now.inboundMessages() + (inbound ? 1 : 0), now.outboundMessages() + (inbound ? 0 : 1),
                now.storedBytes() + bytes));
        accounts.merge(inbox.accountId(), bytes, Long::sum);
    }

    @Override
    public synchronized void forget(Inbox inbox) {
        InboxUsage gone = inboxes.remove(inbox.id());
        if (gone != null) {
            accounts.merge(inbox.accountId(), -gone.storedBytes(), Long::sum);
        }
    }

    @Override
    public synchronized List<InboxUsage> ofInboxes(AccountId accountId, Collection<InboxId> ids) {
        return ids.stream().filter(inboxes::containsKey).map(inboxes::get)
                .filter(usage -> store.find(accountId, usage.inboxId()).isPresent()).toList();
    }

    @Override
    public synchronized Totals totals(AccountId accountId) {
        long in = 0;
        long out = 0;
        for (InboxUsage usage : inboxes.values()) {
            if (store.find(accountId, usage.inboxId()).isPresent()) {
                in += usage.inboundMessages();
                out += usage.outboundMessages();
            }
        }
        return new Totals(in, out, accounts.getOrDefault(accountId, 0L));
    }

    @Override
    public Optional<StorageQuota> accountQuota(AccountId accountId) {
        return store.find(accountId).map(Account::storageQuotaOrNull);
    }

    private long bytesOf(Inbox inbox) {
        InboxUsage usage = inboxes.get(inbox.id());
        return usage == null ? 0 : usage.storedBytes();
    }
}
