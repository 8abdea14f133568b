package dev.openmail.application.contract;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.port.out.RemovePod;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SenderRuleStore;
import dev.openmail.domain.port.out.Transactions;
import dev.openmail.domain.senderrule.FilterMode;
import dev.openmail.domain.senderrule.SenderRule;
import dev.openmail.domain.senderrule.SenderRuleExistsException;
import dev.openmail.domain.senderrule.SenderRuleId;
import dev.openmail.domain.senderrule.SenderRuleType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every store of sender rules, filter modes and hit counts must do, on the in-memory fake and the databases. */
public abstract class SenderRuleStoreContract {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");
    private static final LocalDate DAY = LocalDate.parse("2026-03-01");

    protected abstract Ports ports();

    public record Ports(Transactions transactions, SaveAccount saveAccount, SavePod savePod, RemovePod removePod,
                        SenderRuleStore rules) {
    }

    private Ports p;
    private AccountId account;
    private Pod defaultPod;
    private Pod pod;

    @BeforeEach
    void openAccount() {
        p = ports();
        Account opened = Account.open(null, new InboxLimit(10), T0);
        account = opened.id();
        defaultPod = Pod.createDefault(account, T0);
        pod = Pod.create(account, null, null, T0);
        p.transactions().inTransaction(() -> {
            p.saveAccount().insert(opened);
            p.savePod().insert(defaultPod);
            p.savePod().insert(pod);
        });
    }

    private SenderRule insert(Pod podOrNull, SenderRuleType type, String value, Instant at) {
        SenderRule rule = SenderRule.create(account, podOrNull == null ? null : podOrNull.id(), type, value, at);
        p.transactions().inTransaction(() -> p.rules().insert(rule));
        return rule;
    }

    private <T> T read(java.util.function.Supplier<T> work) {
        return p.transactions().inTransaction(work::get);
    }

    @Test
    void rulesAreReadBackPerLevelOldestFirst() {
        SenderRule second = insert(null, SenderRuleType.BLOCK, "b.test", T0.plusSeconds(1));
        SenderRule first = insert(null, SenderRuleType.ALLOW, "a@a.test", T0);
        SenderRule ofPod = insert(pod, SenderRuleType.BLOCK, "b.test", T0);

        assertEquals(List.of(first, second), read(() -> p.rules().rules(account, null)));
        assertEquals(List.of(ofPod), read(() -> p.rules().rules(account, pod.id())));
        assertEquals(List.of(), read(() -> p.rules().rules(account, defaultPod.id())));
        assertEquals(Optional.of(ofPod), read(() -> p.rules().find(account, ofPod.id())));
        assertEquals(Optional.empty(), read(() -> p.rules().find(AccountId.generate(), ofPod.id())));
    }

    @Test
    void theSameTypeAndValueAtTheSameLevelIsRefused() {
        insert(null, SenderRuleType.BLOCK, "dup.test", T0);
        assertThrows(SenderRuleExistsException.class, () -> insert(null, SenderRuleType.BLOCK, "DUP.test", T0));
        insert(null, SenderRuleType.ALLOW, "dup.test", T0);
        insert(pod, SenderRuleType.BLOCK, "dup.test", T0);
        assertThrows(SenderRuleExistsException.class, () -> insert(pod, SenderRuleType.BLOCK, "dup.test", T0));
        assertEquals(2, read(() -> p.rules().rules(account, null)).size());
    }

    @Test
    void removingTakesTheRuleAndItsCounts() {
        SenderRule rule = insert(null, SenderRuleType.BLOCK, "gone.test", T0);
        p.transactions().inTransaction(() -> p.rules().countHit(rule, DAY));
        assertTrue(read(() -> p.rules().remove(account, rule.id())));
        assertFalse(read(() -> p.rules().remove(account, rule.id())));
        assertEquals(Optional.empty(), read(() -> p.rules().find(account, rule.id())));
        assertEquals(Map.of(), read(() -> p.rules().hitsSince(account, DAY)));
        SenderRule again = insert(null, SenderRuleType.BLOCK, "gone.test", T0);
        assertFalse(read(() -> p.rules().remove(AccountId.generate(), again.id())));
    }

    @Test
    void modesAreSetPerLevel() {
        assertEquals(Optional.empty(), read(() -> p.rules().mode(account, null)));
        p.transactions().inTransaction(() -> p.rules().setMode(account, null, FilterMode.ALLOWLIST));
        p.transactions().inTransaction(() -> p.rules().setMode(account, pod.id(), FilterMode.NONE));
        assertEquals(Optional.of(FilterMode.ALLOWLIST), read(() -> p.rules().mode(account, null)));
        assertEquals(Optional.of(FilterMode.NONE), read(() -> p.rules().mode(account, pod.id())));
        assertEquals(Optional.empty(), read(() -> p.rules().mode(account, defaultPod.id())));
        p.transactions().inTransaction(() -> p.rules().setMode(account, null, FilterMode.NONE));
        assertEquals(Optional.of(FilterMode.NONE), read(() -> p.rules().mode(account, null)));
    }

    @Test
    void hitsAreCountedPerDayAndSummedSinceADay() {
        SenderRule a = insert(null, SenderRuleType.BLOCK, "a.test", T0);
        SenderRule b = insert(pod, SenderRuleType.BLOCK, "b.test", T0);
        p.transactions().inTransaction(() -> {
            p.rules().countHit(a, DAY.minusDays(7));
            p.rules().countHit(a, DAY.minusDays(6));
            p.rules().countHit(a, DAY);
            p.rules().countHit(a, DAY);
            p.rules().countHit(b, DAY);
        });
        assertEquals(Map.of(a.id(), 3L, b.id(), 1L), read(() -> p.rules().hitsSince(account, DAY.minusDays(6))));
        assertEquals(Map.of(a.id(), 4L, b.id(), 1L), read(() -> p.rules().hitsSince(account, DAY.minusDays(7))));
        assertEquals(Map.of(), read(() -> p.rules().hitsSince(AccountId.generate(), DAY.minusDays(7))));
    }

    @Test
    void aPodsRulesAndModeGoWithThePod() {
        SenderRule rule = insert(pod, SenderRuleType.BLOCK, "p.test", T0);
        p.transactions().inTransaction(() -> {
            p.rules().countHit(rule, DAY);
            p.rules().setMode(account, pod.id(), FilterMode.ALLOWLIST);
        });
        p.transactions().inTransaction(() -> p.removePod().remove(pod));
        assertEquals(Optional.empty(), read(() -> p.rules().find(account, rule.id())));
        assertEquals(Optional.empty(), read(() -> p.rules().mode(account, pod.id())));
        assertEquals(Map.<SenderRuleId, Long>of(), read(() -> p.rules().hitsSince(account, DAY)));
    }
}
