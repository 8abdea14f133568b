package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One key floods the API; it is slowed down with 429 and Retry-After, and another tenant's key is not. */
class RateLimitSystemTest {

    private static RunningServer server;

    @BeforeAll
    static void startAServerWithATightLimit() {
        server = RunningServer.start(TestDatabase.h2(), Map.of("openmail.admin-token", RunningServer.ADMIN_TOKEN,
                "openmail.rate-limit.requests-per-second", "1", "openmail.rate-limit.burst", "5",
                "openmail.outbox.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aFloodingKeyGets429WhileAnotherKeyIsServed() {
        Account flooder = server.openAccount();
        Account neighbour = server.openAccount();

        List<Reply> flood = new ArrayList<>();
        List<Integer> neighbourStatuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            flood.add(server.get("/v1/pods", flooder.token()));
            if (i % 10 == 9) {
                neighbourStatuses.add(server.get("/v1/pods", neighbour.token()).status());
            }
        }

        List<Reply> limited = flood.stream().filter(reply -> reply.status() == 429).toList();
        assertFalse(limited.isEmpty(), "30 requests at once are more than a burst of 5 at 1 per second");
        assertTrue(flood.stream().filter(reply -> reply.status() == 200).count() >= 5, "the burst was served");
        Reply refused = limited.get(0);
        assertEquals("rate_limited", refused.error());
        int retryAfter = Integer.parseInt(refused.headers().get("retry-after").get(0));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
        assertEquals(List.of(200, 200, 200), neighbourStatuses, "the other tenant's key is not slowed down");
    }
}
