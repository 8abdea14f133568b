package dev.openmail.adapters.rest.mcp;

import dev.openmail.adapters.rest.error.ErrorCatalogue;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.event.MailWatch;
import dev.openmail.domain.port.in.WatchNewMail;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The open {@code wait_for_new_mail} calls of this process: each holds a thread of the blocking pool for up to its
 * timeout, so an account may hold only a few at once. The count is this process's, like the rate-limit allowances:
 * it protects the process's threads, and decides nothing about mail.
 */
@Singleton
public final class MailWaits {

    private final int maxPerAccount;
    private final Duration pollInterval;
    private final Map<AccountId, Integer> open = new ConcurrentHashMap<>();

    MailWaits(@Value("${openmail.mcp.max-waits-per-account:5}") int maxPerAccount,
              @Value("${openmail.mcp.wait-poll-interval:250ms}") Duration pollInterval) {
        this.maxPerAccount = maxPerAccount;
        this.pollInterval = pollInterval;
    }

    /** What a wait found: the messages received, oldest first (none at the timeout), and where to resume. */
    record Found(List<MailEvent> received, EventId cursor) {
    }

    /**
     * Polls the watch {@code open} gives until it hands on mail or {@code timeout} has passed.
     *
     * @throws ToolRefusal when the account already holds its most open waits in this process
     */
    Found await(Caller caller, WatchNewMail watchNewMail, Supplier<MailWatch> open, Duration timeout) {
        AccountId account = caller.accountId();
        if (this.open.merge(account, 1, Integer::sum) > maxPerAccount) {
            release(account);
            throw new ToolRefusal(ErrorCatalogue.codeForStatus(HttpStatus.TOO_MANY_REQUESTS), "This account already has "
                    + maxPerAccount + " wait_for_new_mail calls open; wait for one of them to return, or watch all"
                    + " inboxes with one call (leave inbox_id out).");
        }
        try {
            MailWatch watch = open.get();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                List<MailEvent> received = watchNewMail.poll(caller, watch);
                long left = deadline - System.nanoTime();
                if (!received.isEmpty() || left <= 0) {
                    return new Found(received, watch.cursor());
                }
                try {
                    Thread.sleep(Math.max(1, Math.min(pollInterval.toMillis(), left / 1_000_000)));
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    return new Found(List.of(), watch.cursor());
                }
            }
        } finally {
            release(account);
        }
    }

    /** How many waits the account holds open in this process now. */
    public int openFor(String accountId) {
        return open.getOrDefault(new AccountId(accountId), 0);
    }

    private void release(AccountId account) {
        open.computeIfPresent(account, (key, count) -> count <= 1 ? null : count - 1);
    }
}
