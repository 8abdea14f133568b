package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.senderrule.FilterMode;
import dev.openmail.domain.senderrule.SenderRule;
import dev.openmail.domain.senderrule.SenderRuleExistsException;
import dev.openmail.domain.senderrule.SenderRuleId;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Accounts' and pods' sender rules, their filter modes, and how many messages each rule filtered per day (UTC). */
public interface SenderRuleStore {

    /** The rules at one level, oldest first: the account's own (podOrNull null) or one pod's. */
    List<SenderRule> rules(AccountId accountId, PodId podOrNull);

    Optional<SenderRule> find(AccountId accountId, SenderRuleId id);

    /** Stores a new rule; throws {@link SenderRuleExistsException} when the level has the same type and value. */
    void insert(SenderRule rule);

    boolean remove(AccountId accountId, SenderRuleId id);

    /** The mode set at one level, if one was set. */
    Optional<FilterMode> mode(AccountId accountId, PodId podOrNull);

    void setMode(AccountId accountId, PodId podOrNull, FilterMode mode);

    /** Adds one to the rule's count for {@code day}. */
    void countHit(SenderRule rule, LocalDate day);

    /** Each rule's count (of the account's rules that filtered anything) summed over the days from {@code since}. */
    Map<SenderRuleId, Long> hitsSince(AccountId accountId, LocalDate since);
}
