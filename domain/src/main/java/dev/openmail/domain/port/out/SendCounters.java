package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.InboxId;

/**
 * How many messages each inbox sent in each window (a minute, a UTC day), counted in the database so that every
 * server process counts against the same cap. Runs in the caller's transaction: a send that fails later takes its
 * count back with it.
 */
public interface SendCounters {

    /**
     * Counts one send in the inbox's window of kind {@code window} starting at {@code windowStart} (epoch millis) if
     * fewer than {@code cap} were counted there; false, counting nothing, when the window is full. Windows of that
     * kind that started before {@code windowStart} are forgotten. {@code cap} is at least 1.
     */
    boolean tryCount(AccountId accountId, InboxId inboxId, String window, long windowStart, int cap);
}
