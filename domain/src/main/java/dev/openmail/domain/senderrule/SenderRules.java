package dev.openmail.domain.senderrule;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The decision for one message and one inbox. A block rule that matches the {@code From} address or the envelope
 * sender filters the message, in either mode (block wins). Otherwise, in {@code allowlist} mode, the message passes
 * only when an allow rule matches the {@code From} address or the envelope sender; in {@code none} mode it passes.
 * The pod's rules add to the account's; which mode applies is the caller's choice (the pod's when set).
 */
public final class SenderRules {

    private SenderRules() {
    }

    /** What to do with the message; {@code blockedByOrNull} is the block rule that filtered it, if one did. */
    public record Decision(boolean accepted, SenderRule blockedByOrNull) {

        public static final Decision ACCEPT = new Decision(true, null);
        public static final Decision NOT_ALLOWED = new Decision(false, null);

        public static Decision blocked(SenderRule rule) {
            return new Decision(false, Objects.requireNonNull(rule));
        }
    }

    public static Decision decide(String fromAddress, String envelopeSender, List<SenderRule> accountRules,
                                  List<SenderRule> podRules, FilterMode mode) {
        List<SenderRule> rules = Stream.concat(accountRules.stream(), podRules.stream()).toList();
        for (SenderRule rule : rules) {
            if (rule.type() == SenderRuleType.BLOCK && (rule.matches(fromAddress) || rule.matches(envelopeSender))) {
                return Decision.blocked(rule);
            }
        }
        if (mode != FilterMode.ALLOWLIST) {
            return Decision.ACCEPT;
        }
        for (SenderRule rule : rules) {
            if (rule.type() == SenderRuleType.ALLOW && (rule.matches(fromAddress) || rule.matches(envelopeSender))) {
                return Decision.ACCEPT;
            }
        }
        return Decision.NOT_ALLOWED;
    }
}
