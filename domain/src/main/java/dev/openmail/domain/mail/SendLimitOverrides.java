package dev.openmail.domain.mail;

import dev.openmail.domain.common.InvalidInputException;

/**
 * An operator's send limits for one account, each in place of the installation's setting ({@link SendLimits}): null
 * keeps the setting, 0 lifts the cap, more sets it. Field names are those of the operator API.
 */
public record SendLimitOverrides(Integer burstPerMinute, Integer dailyPerInbox, Integer coldPerInboxNew,
                                 Integer coldPerAccountNew, Integer coldPerAccount) {

    public static final SendLimitOverrides NONE = new SendLimitOverrides(null, null, null, null, null);

    public SendLimitOverrides {
        requireNotNegative("burstPerMinute", burstPerMinute);
        requireNotNegative("dailyPerInbox", dailyPerInbox);
        requireNotNegative("coldPerInboxNew", coldPerInboxNew);
        requireNotNegative("coldPerAccountNew", coldPerAccountNew);
        requireNotNegative("coldPerAccount", coldPerAccount);
    }

    /** Whether no value is overridden. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    private static void requireNotNegative(String field, Integer value) {
        if (value != null && value < 0) {
            throw new InvalidInputException(field, "Field '" + field + "' must be 0 (no cap), a positive number of"
                    + " sends, or null for the server's setting; it was " + value + ".");
        }
    }
}
