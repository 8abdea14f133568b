package dev.openmail.adapters.smtpin;

/**
 * What one client address may cost the SMTP listener, counted in this process.
 *
 * @param maxConnectionsPerIp simultaneous connections from one address; the next one gets {@code 421 4.7.0} and is
 *     closed. 0 turns the limit off
 * @param maxMessagesPerMinutePerIp MAIL FROM commands from one address per minute (a burst of this many, then
 *     refilled evenly over the minute); beyond it MAIL gets {@code 451 4.7.1}. 0 turns the limit off
 * @param exempt comma-separated IP addresses and CIDR ranges neither limit applies to (the operator's own relays)
 */
public record SmtpLimits(int maxConnectionsPerIp, int maxMessagesPerMinutePerIp, String exempt) {

    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 20;
    public static final int DEFAULT_MAX_MESSAGES_PER_MINUTE_PER_IP = 600;

    public SmtpLimits {
        if (maxConnectionsPerIp < 0) {
            throw new IllegalArgumentException("SMTP max connections per IP must not be negative, was "
                    + maxConnectionsPerIp);
        }
        if (maxMessagesPerMinutePerIp < 0) {
            throw new IllegalArgumentException("SMTP max messages per minute per IP must not be negative, was "
                    + maxMessagesPerMinutePerIp);
        }
        exempt = exempt == null ? "" : exempt.strip();
        // fail at startup on a malformed list rather than at the first connection
        AddressRanges.parse(exempt);
    }

    public static SmtpLimits defaults() {
        return new SmtpLimits(DEFAULT_MAX_CONNECTIONS_PER_IP, DEFAULT_MAX_MESSAGES_PER_MINUTE_PER_IP, "");
    }

    /** No limit at all. */
    public static SmtpLimits none() {
        return new SmtpLimits(0, 0, "");
    }
}
