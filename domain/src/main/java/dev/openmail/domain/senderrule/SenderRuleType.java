package dev.openmail.domain.senderrule;

import java.util.Locale;

/** A block rule drops what it matches; an allow rule lets it through in allowlist mode. */
public enum SenderRuleType {
    BLOCK, ALLOW;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SenderRuleType fromWire(String text) {
        if ("block".equals(text)) {
            return BLOCK;
        }
        if ("allow".equals(text)) {
            return ALLOW;
        }
        throw new InvalidSenderRuleException("type must be \"block\" or \"allow\".");
    }
}
