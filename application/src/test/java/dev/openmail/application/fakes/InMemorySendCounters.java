package dev.openmail.application.fakes;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.port.out.SendCounters;

import java.util.HashMap;
import java.util.Map;

/**
 * Send counts in memory, reached through {@link InMemoryStore#sendCounters()}. Unlike the store's other rows these
 * are not taken back when a transaction fails.
 */
public final class InMemorySendCounters implements SendCounters {

    private record Window(AccountId accountId, InboxId inboxId, String kind) {
    }

    private record Count(long start, int sent) {
    }

    private final Map<Window, Count> counts = new HashMap<>();

    InMemorySendCounters() {
    }

    @Override
    public synchronized boolean tryCount(AccountId accountId, InboxId inboxId, String window, long windowStart,
                                         int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("a cap is at least 1 (no cap is no count): " + cap);
        }
        Window key = new Window(accountId, inboxId, window);
        Count count = counts.get(key);
        if (count == null || count.start() < windowStart) {
            count = new Count(windowStart, 0);
        }
        if (count.start() != windowStart || count.sent() >= cap) {
            return false;
        }
        counts.put(key, new Count(windowStart, count.sent() + 1));
        return true;
    }
}
