package dev.openmail.adapters.rest.mcp;

import dev.openmail.domain.access.KeyScope;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.event.EventFilter;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.event.MailWatch;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.port.in.WatchNewMail;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An account holds a bounded number of open waits in a process; a wait ends at its timeout with what it has. */
class MailWaitsTest {

    private final Caller caller = new Caller(AccountId.generate(), ApiKeyId.generate(), KeyScope.ACCOUNT_WIDE);
    private final Caller other = new Caller(AccountId.generate(), ApiKeyId.generate(), KeyScope.ACCOUNT_WIDE);

    @Test
    void aWaitPastTheAccountsLimitIsRefusedWhileOthersWaitOn() throws Exception {
        MailWaits waits = new MailWaits(1, Duration.ofMillis(5));
        CountDownLatch polling = new CountDownLatch(1);
        CountDownLatch mail = new CountDownLatch(1);
        WatchNewMail nothingUntilReleased = new WatchNewMail() {
            @Override
            public MailWatch open(Caller who, InboxId inboxOrNull, EventId sinceOrNull) {
                return watchOf(who);
            }

            @Override
            public List<MailEvent> poll(Caller who, MailWatch watch) {
                polling.countDown();
                try {
                    mail.await();
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
                return List.of();
            }
        };
        CompletableFuture<MailWaits.Found> first = CompletableFuture.supplyAsync(() -> waits.await(caller,
                nothingUntilReleased, () -> watchOf(caller), Duration.ofMillis(1)));
        assertTrue(polling.await(10, TimeUnit.SECONDS));
        assertEquals(1, waits.openFor(caller.accountId().value()));

        ToolRefusal refused = assertThrows(ToolRefusal.class, () -> waits.await(caller, nothingUntilReleased,
                () -> watchOf(caller), Duration.ofMillis(1)));
        assertEquals("rate_limit_exceeded", refused.code());
        assertEquals(1, waits.openFor(caller.accountId().value()), "the refused wait holds no place");
        MailWaits.Found othersWait = waits.await(other, idle(), () -> watchOf(other), Duration.ofMillis(1));
        assertEquals(List.of(), othersWait.received(), "another account waits as usual");

        mail.countDown();
        assertEquals(List.of(), first.get(10, TimeUnit.SECONDS).received());
        assertEquals(0, waits.openFor(caller.accountId().value()));
    }

    private static WatchNewMail idle() {
        return new WatchNewMail() {
            @Override
            public MailWatch open(Caller who, InboxId inboxOrNull, EventId sinceOrNull) {
                return watchOf(who);
            }

            @Override
            public List<MailEvent> poll(Caller who, MailWatch watch) {
                return List.of();
            }
        };
    }

    private static MailWatch watchOf(Caller caller) {
        return MailWatch.startingAt(caller.accountId(), new EventFilter(true, Set.of(), true, Set.of()), 0, 0, null,
                List.of(), Instant.now());
    }
}
