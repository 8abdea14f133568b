package dev.openmail.application.contract;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.inbox.EmailAddress;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.StorageUsage;
import dev.openmail.domain.port.out.Transactions;
import dev.openmail.domain.usage.InboxUsage;
import dev.openmail.domain.usage.StorageQuota;
import dev.openmail.domain.usage.StorageQuotas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every store of usage counters must do, on the in-memory fake and the databases. */
public abstract class StorageUsageContract {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

    protected abstract Ports ports();

    public record Ports(Transactions transactions, SaveAccount saveAccount, SavePod savePod, SaveInbox saveInbox,
                        StorageUsage usage) {
    }

    private Ports p;
    private AccountId account;
    private Inbox first;
    private Inbox second;

    @BeforeEach
    void openAccount() {
        p = ports();
        Account opened = Account.open(null, new InboxLimit(10), T0);
        account = opened.id();
        Pod pod = Pod.createDefault(account, T0);
        first = inbox(pod);
        second = inbox(pod);
        p.transactions().inTransaction(() -> {
            p.saveAccount().insert(opened);
            p.savePod().insert(pod);
            p.saveInbox().insert(first);
            p.saveInbox().insert(second);
        });
    }

    private static Inbox inbox(Pod pod) {
        return Inbox.create(pod.accountId(), pod.id(), EmailAddress.of("u" + UUID.randomUUID().toString()
                .substring(0, 8) + "@usage.test"), null, null, null, T0);
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        return p.transactions().inTransaction(work::get);
    }

    private void count(Inbox inbox, boolean inbound, long bytes) {
        p.transactions().inTransaction(() -> {
            p.usage().lockForFiling(List.of(inbox));
            p.usage().count(inbox, inbound, bytes);
        });
    }

    @Test
    void anInboxWithoutMailStandsAtZero() {
        StorageQuotas.Standing standing = inTransaction(() -> p.usage().standing(first));
        assertEquals(new StorageQuotas.Standing(0, 0, null), standing);
        assertEquals(List.of(), inTransaction(() -> p.usage().ofInboxes(account, List.of(first.id()))));
        assertEquals(new StorageUsage.Totals(0, 0, 0), inTransaction(() -> p.usage().totals(account)));
    }

    @Test
    void countsAddUpPerInboxAndPerAccount() {
        count(first, true, 100);
        count(first, false, 50);
        count(second, true, 7);

        Map<InboxId, StorageQuotas.Standing> locked = inTransaction(() -> p.usage().lockForFiling(
                List.of(second, first)));
        assertEquals(new StorageQuotas.Standing(150, 157, null), locked.get(first.id()));
        assertEquals(new StorageQuotas.Standing(7, 157, null), locked.get(second.id()));
        assertEquals(new StorageQuotas.Standing(150, 157, null), inTransaction(() -> p.usage().standing(first)));
        List<InboxUsage> rows = inTransaction(() -> p.usage().ofInboxes(account, List.of(first.id(), second.id())));
        assertTrue(rows.contains(new InboxUsage(first.id(), first.podId(), 1, 1, 150)), rows.toString());
        assertTrue(rows.contains(new InboxUsage(second.id(), second.podId(), 1, 0, 7)), rows.toString());
        assertEquals(new StorageUsage.Totals(2, 1, 157), inTransaction(() -> p.usage().totals(account)));
    }

    @Test
    void forgettingAnInboxGivesItsBytesBackToItsAccount() {
        count(first, true, 100);
        count(second, true, 7);

        p.transactions().inTransaction(() -> {
            p.usage().forget(first);
            p.saveInbox().remove(first);
        });

        assertEquals(new StorageUsage.Totals(1, 0, 7), inTransaction(() -> p.usage().totals(account)));
        assertEquals(Map.of(), inTransaction(() -> p.usage().lockForFiling(List.of(first))),
                "a deleted inbox has no standing");
    }

    @Test
    void theAccountsQuotaIsTheOneOnItsRow() {
        assertEquals(Optional.empty(), inTransaction(() -> p.usage().accountQuota(account)));
        Account withQuota = Account.reconstitute(account, null, new InboxLimit(10), T0, new StorageQuota(4096));
        p.transactions().inTransaction(() -> p.saveAccount().update(withQuota));

        assertEquals(Optional.of(new StorageQuota(4096)), inTransaction(() -> p.usage().accountQuota(account)));
        assertEquals(new StorageQuota(4096), inTransaction(() -> p.usage().standing(first)).accountQuotaOrNull());
    }
}
