package dev.openmail.domain.mail;

/**
 * How many messages one inbox may send: at most {@code burstPerMinute} in a minute and {@code dailyPerInbox} in a UTC
 * day (OpenMail's rate-limits page: 10 and 200). 0 means no cap.
 */
public record SendLimits(int burstPerMinute, int dailyPerInbox) {

    public static final SendLimits NONE = new SendLimits(0, 0);
    public static final SendLimits DEFAULT = new SendLimits(10, 200);

    public SendLimits {
        if (burstPerMinute < 0 || dailyPerInbox < 0) {
            throw new IllegalArgumentException("send limits are 0 (none) or more: " + burstPerMinute + ", "
                    + dailyPerInbox);
        }
    }
}
