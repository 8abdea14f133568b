package dev.openmail.domain.port.in;

import dev.openmail.domain.mail.OutboxEntry;

import java.util.List;

/**
 * Delivers the outbox's messages to their recipients outside this installation. Runs inside the server, not for an
 * API caller: a worker claims due entries and delivers each on a thread of its own.
 */
public interface DeliverOutbox {

    /** Claims up to {@code max} entries due now, each for the outbox lease. */
    List<OutboxEntry> claimDue(int max);

    /** Delivers one claimed entry's pending recipients; true when its message is now sent. */
    boolean deliver(OutboxEntry claimed);

    /** Claims the entries due now and delivers them one after another; returns how many messages are now sent. */
    default int deliverDue() {
        int sent = 0;
        for (OutboxEntry entry : claimDue(20)) {
            if (deliver(entry)) {
                sent++;
            }
        }
        return sent;
    }
}
