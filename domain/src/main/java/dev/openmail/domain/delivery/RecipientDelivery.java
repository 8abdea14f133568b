package dev.openmail.domain.delivery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One recipient of a sent message and what became of the message for it.
 *
 * @param position    the recipient's place among the message's envelope recipients (to, cc, bcc), from 0
 * @param bounceToken the random token of this recipient's bounce address ({@link BounceAddress}); empty for a
 *                    recipient in this installation, which never bounces
 * @param reply       the last answer of the recipient's server, or what went wrong in words; empty when none yet
 * @param host        the host that gave that answer, or empty
 * @param attempts    how many delivery attempts were made
 */
public record RecipientDelivery(int position, String address, String bounceToken, DeliveryState state, String reply,
                                String host, int attempts, Instant updatedAt) {

    /** Replies are kept to this many characters. */
    public static final int MAX_REPLY = 1_000;

    public RecipientDelivery {
        Objects.requireNonNull(address);
        Objects.requireNonNull(state);
        bounceToken = bounceToken == null ? "" : bounceToken;
        reply = clean(reply, MAX_REPLY);
        host = clean(host, 255);
        updatedAt = Objects.requireNonNull(updatedAt).truncatedTo(ChronoUnit.MILLIS);
    }

    public static RecipientDelivery queued(int position, String address, Instant now) {
        return new RecipientDelivery(position, address, BounceAddress.newToken(), DeliveryState.QUEUED, "", "", 0, now);
    }

    public static RecipientDelivery local(int position, String address, Instant now) {
        return new RecipientDelivery(position, address, "", DeliveryState.DELIVERED, "filed in an inbox of this server",
                "", 0, now);
    }

    /** This recipient after an attempt that ended in {@code state}. */
    public RecipientDelivery attempted(DeliveryState state, String reply, String host, Instant now) {
        return new RecipientDelivery(position, address, bounceToken, state, reply, host, attempts + 1, now);
    }

    /** This recipient in {@code state} without a new attempt (given up on, or a report that came back). */
    public RecipientDelivery now(DeliveryState state, String reply, Instant now) {
        return new RecipientDelivery(position, address, bounceToken, state, reply, host, attempts, now);
    }

    /** One line, printable, at most {@code max} characters: replies come from other servers. */
    static String clean(String text, int max) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return out.toString().strip();
    }
}
