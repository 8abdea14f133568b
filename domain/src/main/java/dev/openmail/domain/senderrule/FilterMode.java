package dev.openmail.domain.senderrule;

import java.util.Locale;

/** How rules apply: {@code none} takes everything not blocked, {@code allowlist} only what an allow rule matches. */
public enum FilterMode {
    NONE, ALLOWLIST;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FilterMode fromWire(String text) {
        if ("none".equals(text)) {
            return NONE;
        }
        if ("allowlist".equals(text)) {
            return ALLOWLIST;
        }
        throw new InvalidSenderRuleException("filterMode must be \"none\" or \"allowlist\".");
    }
}
