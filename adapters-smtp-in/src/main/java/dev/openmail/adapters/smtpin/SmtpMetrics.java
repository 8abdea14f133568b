package dev.openmail.adapters.smtpin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the listener counts for the operator's metrics: sessions opened ({@code openmail.smtp.sessions}), messages
 * whose content was read, by result ({@code openmail.smtp.messages}, accepted or refused), and every refusing reply,
 * by reason ({@code openmail.smtp.refusals}), whatever the stage (connection, MAIL, RCPT, after DATA). Built without a
 * registry it counts nothing.
 */
public final class SmtpMetrics {

    /** Why the listener refused something; the lower-case name is the {@code reason} tag. */
    public enum Refusal {
        /** Beyond the client address's simultaneous connections (421 instead of the greeting). */
        TOO_MANY_CONNECTIONS,
        /** Beyond the client address's messages a minute (MAIL 451 4.7.1). */
        RATE_LIMITED,
        /** A SIZE parameter that is not a number (501 5.5.4). */
        BAD_SIZE,
        /** Over the listener's size limit, declared at MAIL or read in DATA (552 5.3.4). */
        TOO_LARGE,
        /** No such mailbox (550 5.1.1), at RCPT or, when it went away meanwhile, after DATA. */
        RECIPIENT_UNKNOWN,
        /** A mailbox or its account at its storage quota (452 4.2.2). */
        MAILBOX_FULL,
        /** Larger than a recipient's whole storage quota (552 5.2.2). */
        OVER_QUOTA,
        /** Too many MIME parts, headers or attachments (552 5.3.4). */
        TOO_COMPLEX,
        /** No room on the spool's disk or in the processing budget (452 or 451 4.3.1). */
        NO_ROOM,
        /** Checking a recipient or storing the message failed (451 4.3.0). */
        TEMPORARY_FAILURE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final SmtpMetrics NONE = new SmtpMetrics(new CompositeMeterRegistry());

    private final Counter sessions;
    private final Counter accepted;
    private final Counter refused;
    private final Map<Refusal, Counter> refusals = new EnumMap<>(Refusal.class);

    /** Counts into {@code registry}. */
    public SmtpMetrics(MeterRegistry registry) {
        this.sessions = Counter.builder("openmail.smtp.sessions")
                .description("SMTP sessions opened (greeted with 220)").register(registry);
        this.accepted = messages(registry, "accepted");
        this.refused = messages(registry, "refused");
        for (Refusal reason : Refusal.values()) {
            refusals.put(reason, Counter.builder("openmail.smtp.refusals").tag("reason", reason.tag())
                    .description("Refusing SMTP replies, by reason").register(registry));
        }
    }

    /** Counts nothing: for listeners built without a registry. */
    public static SmtpMetrics none() {
        return NONE;
    }

    private static Counter messages(MeterRegistry registry, String result) {
        return Counter.builder("openmail.smtp.messages").tag("result", result)
                .description("SMTP messages whose content was read, by the reply to it").register(registry);
    }

    void sessionOpened() {
        sessions.increment();
    }

    void messageAccepted() {
        accepted.increment();
    }

    /** A refusal of a message whose content was read: counted as a refused message and by its reason. */
    void messageRefused(Refusal reason) {
        refused.increment();
        refused(reason);
    }

    /** A refusal before any content was read (connection, MAIL, RCPT). */
    void refused(Refusal reason) {
        refusals.get(reason).increment();
    }
}
