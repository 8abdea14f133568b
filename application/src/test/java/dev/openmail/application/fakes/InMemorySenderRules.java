package dev.openmail.application.fakes;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.port.out.SenderRuleStore;
import dev.openmail.domain.senderrule.FilterMode;
import dev.openmail.domain.senderrule.SenderRule;
import dev.openmail.domain.senderrule.SenderRuleExistsException;
import dev.openmail.domain.senderrule.SenderRuleId;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Sender rules, modes and hit counts in memory, reached through {@link InMemoryStore#senderRules()}. Unlike the
 * store's other rows these are not taken back when a transaction fails.
 */
public final class InMemorySenderRules implements SenderRuleStore {

    private record Level(AccountId accountId, PodId podOrNull) {
    }

    private record Hit(SenderRuleId id, long day) {
    }

    private final List<SenderRule> rules = new ArrayList<>();
    private final Map<Level, FilterMode> modes = new HashMap<>();
    private final Map<Hit, Long> hits = new HashMap<>();

    InMemorySenderRules() {
    }

    @Override
    public synchronized List<SenderRule> rules(AccountId accountId, PodId podOrNull) {
        return rules.stream().filter(rule -> rule.accountId().equals(accountId)
                        && Objects.equals(rule.podOrNull(), podOrNull))
                .sorted(Comparator.comparing(SenderRule::createdAt).thenComparing(rule -> rule.id().value()))
                .toList();
    }

    @Override
    public synchronized Optional<SenderRule> find(AccountId accountId, SenderRuleId id) {
        return rules.stream().filter(rule -> rule.accountId().equals(accountId) && rule.id().equals(id)).findFirst();
    }

    @Override
    public synchronized void insert(SenderRule rule) {
        boolean exists = rules.stream().anyMatch(other -> other.accountId().equals(rule.accountId())
                && Objects.equals(other.podOrNull(), rule.podOrNull()) && other.type() == rule.type()
                && other.value().equals(rule.value()));
        if (exists) {
            throw new SenderRuleExistsException(rule.type(), rule.value());
        }
        rules.add(rule);
    }

    @Override
    public synchronized boolean remove(AccountId accountId, SenderRuleId id) {
        hits.keySet().removeIf(hit -> hit.id().equals(id));
        return rules.removeIf(rule -> rule.accountId().equals(accountId) && rule.id().equals(id));
    }

    @Override
    public synchronized Optional<FilterMode> mode(AccountId accountId, PodId podOrNull) {
        return Optional.ofNullable(modes.get(new Level(accountId, podOrNull)));
    }

    @Override
    public synchronized void setMode(AccountId accountId, PodId podOrNull, FilterMode mode) {
        modes.put(new Level(accountId, podOrNull), mode);
    }

    @Override
    public synchronized void countHit(SenderRule rule, LocalDate day) {
        if (find(rule.accountId(), rule.id()).isPresent()) {
            hits.merge(new Hit(rule.id(), day.toEpochDay()), 1L, Long::sum);
        }
    }

    @Override
    public synchronized Map<SenderRuleId, Long> hitsSince(AccountId accountId, LocalDate since) {
        Map<SenderRuleId, Long> sums = new TreeMap<>(Comparator.comparing(SenderRuleId::value));
        hits.forEach((hit, count) -> {
            if (hit.day() >= since.toEpochDay() && find(accountId, hit.id()).isPresent()) {
                sums.merge(hit.id(), count, Long::sum);
            }
        });
        return sums;
    }

    /** Rules and modes go with their pod, as the database's cascade takes them. */
    synchronized void removePod(AccountId accountId, PodId podId) {
        rules.stream().filter(rule -> rule.accountId().equals(accountId) && podId.equals(rule.podOrNull()))
                .map(SenderRule::id).toList().forEach(id -> remove(accountId, id));
        modes.remove(new Level(accountId, podId));
    }
}
