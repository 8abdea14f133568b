package dev.openmail.domain.senderrule;

import dev.openmail.domain.common.PrefixedId;

public record SenderRuleId(String value) {

    public static final String PREFIX = "rule_";

    public SenderRuleId {
        PrefixedId.require(PREFIX, value);
    }

    public static SenderRuleId generate() {
        return new SenderRuleId(PrefixedId.generate(PREFIX));
    }

    /** Reads the id of a rule named in a URL path: text that cannot be one is not found. */
    public static SenderRuleId fromPath(String text) {
        return PrefixedId.fromPath(PREFIX, text, SenderRuleId::new, SenderRule::notFound);
    }

    @Override
    public String toString() {
        return value;
    }
}
