package dev.openmail.domain.suppression;

import dev.openmail.domain.common.InvalidInputException;

import java.util.Locale;

/** Why an address is suppressed: it bounced hard, its owner reported mail as spam, or its owner unsubscribed. */
public enum SuppressionType {
    BOUNCE, COMPLAINT, UNSUB;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SuppressionType fromWire(String field, String text) {
        for (SuppressionType type : values()) {
            if (type.wire().equals(text)) {
                return type;
            }
        }
        throw new InvalidInputException(field, field + " must be \"bounce\", \"complaint\" or \"unsub\".");
    }
}
