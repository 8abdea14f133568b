package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.senderrule.FilterMode;
import dev.openmail.domain.senderrule.SenderRule;
import dev.openmail.domain.senderrule.SenderRuleId;
import dev.openmail.domain.senderrule.SenderRuleType;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The block and allow rules of the account or of one pod, and the filter mode of each. {@code podOrNull} names the
 * level: null is the account's own for an account-wide key, and the key's pod for a pod key.
 */
public interface ManageSenderRules {

    /** The rules of one level, oldest first. */
    List<SenderRule> list(Caller caller, PodRef podOrNull);

    SenderRule add(Caller caller, PodRef podOrNull, SenderRuleType type, String value);

    void remove(Caller caller, SenderRuleId id);

    /** The mode in force at the level: a pod's own when set, else the account's, else none. */
    FilterMode mode(Caller caller, PodRef podOrNull);

    FilterMode setMode(Caller caller, PodRef podOrNull, FilterMode mode);

    /** How many messages each rule of the level filtered from {@code since} (a UTC day) through today. */
    Map<SenderRuleId, Long> hitsSince(Caller caller, PodRef podOrNull, LocalDate since);
}
