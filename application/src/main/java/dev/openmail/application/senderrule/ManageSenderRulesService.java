package dev.openmail.application.senderrule;

import dev.openmail.application.access.Access;
import dev.openmail.domain.access.Action;
import dev.openmail.domain.access.Place;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.ManageSenderRules;
import dev.openmail.domain.port.out.LoadPods;
import dev.openmail.domain.port.out.SenderRuleStore;
import dev.openmail.domain.port.out.Transactions;
import dev.openmail.domain.senderrule.FilterMode;
import dev.openmail.domain.senderrule.SenderRule;
import dev.openmail.domain.senderrule.SenderRuleId;
import dev.openmail.domain.senderrule.SenderRuleType;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Sender rules and filter modes. An account-wide key manages the account's rules and every pod's; a pod key only its
 * own pod's (naming no pod means its pod); an inbox key none.
 */
public final class ManageSenderRulesService implements ManageSenderRules {

    private final Transactions transactions;
    private final LoadPods loadPods;
    private final SenderRuleStore store;
    private final Clock clock;

    public ManageSenderRulesService(Transactions transactions, LoadPods loadPods, SenderRuleStore store, Clock clock) {
        this.transactions = transactions;
        this.loadPods = loadPods;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public List<SenderRule> list(Caller caller, PodRef podOrNull) {
        Access.requireKind(caller, Action.MANAGE_SENDER_RULES);
        return transactions.inTransaction(() -> store.rules(caller.accountId(), level(caller, podOrNull)));
    }

    @Override
    public SenderRule add(Caller caller, PodRef podOrNull, SenderRuleType type, String value) {
        Access.requireKind(caller, Action.MANAGE_SENDER_RULES);
        Objects.requireNonNull(type);
        return transactions.inTransaction(() -> {
            SenderRule rule = SenderRule.create(caller.accountId(), level(caller, podOrNull), type, value,
                    clock.instant());
            store.insert(rule);
            return rule;
        });
    }

    @Override
    public void remove(Caller caller, SenderRuleId id) {
        Access.requireKind(caller, Action.MANAGE_SENDER_RULES);
        transactions.inTransaction(() -> {
            SenderRule rule = store.find(caller.accountId(), id).orElseThrow(() -> SenderRule.notFound(id.value()));
            Access.require(caller, Action.MANAGE_SENDER_RULES, placeOf(rule.podOrNull()));
            store.remove(caller.accountId(), id);
        });
    }

    @Override
    public FilterMode mode(Caller caller, PodRef podOrNull) {
        Access.requireKind(caller, Action.MANAGE_SENDER_RULES);
        return transactions.inTransaction(() -> {
            PodId level = level(caller, podOrNull);
            return (level == null ? store.mode(caller.accountId(), null) : store.mode(caller.accountId(), level)
                    .or(() -> store.mode(caller.accountId(), null))).orElse(FilterMode.NONE);
        });
    }

    @Override
    public FilterMode setMode(Caller caller, PodRef podOrNull, FilterMode mode) {
        Access.requireKind(caller, Action.MANAGE_SENDER_RULES);
        Objects.requireNonNull(mode);
        return transactions.inTransaction(() -> {
            store.setMode(caller.accountId(), level(caller, podOrNull), mode);
            return mode;
        });
    }

    @Override
    public Map<SenderRuleId, Long> hitsSince(Caller caller, PodRef podOrNull, LocalDate since) {
        Access.requireKind(caller, Action.MANAGE_SENDER_RULES);
        return transactions.inTransaction(() -> {
            List<SenderRuleId> ids = store.rules(caller.accountId(), level(caller, podOrNull)).stream()
                    .map(SenderRule::id).toList();
            return store.hitsSince(caller.accountId(), since).entrySet().stream()
                    .filter(entry -> ids.contains(entry.getKey()))
                    .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        });
    }

    /** The pod whose rules are meant (null: the account's), after checking the caller may manage them. */
    private PodId level(Caller caller, PodRef podOrNull) {
        if (podOrNull == null) {
            PodId keyPod = caller.scope().podOrNull();
            Access.require(caller, Action.MANAGE_SENDER_RULES, placeOf(keyPod));
            return keyPod;
        }
        Pod pod = loadPods.find(caller.accountId(), podOrNull).orElseThrow(() -> PodRef.notFound(podOrNull.text()));
        Access.require(caller, Action.MANAGE_SENDER_RULES, Place.pod(pod.id()));
        return pod.id();
    }

    private static Place placeOf(PodId podOrNull) {
        return podOrNull == null ? Place.ACCOUNT : Place.pod(podOrNull);
    }
}
