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
        assertEquals("rate_limit_exceeded", refused.error());
        int retryAfter = Integer.parseInt(refused.headers().get("retry-after").get(0));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
        assertEquals("5", header(refused, "x-ratelimit-limit"));
        assertEquals("0", header(refused, "x-ratelimit-remaining"));
        int reset = Integer.parseInt(header(refused, "x-ratelimit-reset"));
        assertTrue(reset >= 4 && reset <= 5, "5 requests at 1 per second make the burst whole again, not " + reset);
        assertEquals(List.of(200, 200, 200), neighbourStatuses, "the other tenant's key is not slowed down");
    }

    /** Successes and errors alike, so a client can pace itself before it is refused. */
    @Test
    void everyAnswerToAKeyTellsItsAllowance() {
        Account account = server.openAccount();

        Reply first = server.get("/v1/pods", account.token());
        Reply missing = server.get("/v1/inboxes/inb_01zzzzzzzzzzzzzzzzzzzzzzzz", account.token());
        Reply invalid = server.post("/v1/pods", account.token(), "{\"unknown\":1}");

        assertEquals(200, first.status());
        assertEquals("5", header(first, "x-ratelimit-limit"));
        assertEquals("4", header(first, "x-ratelimit-remaining"));
        assertEquals("1", header(first, "x-ratelimit-reset"));
        assertEquals(404, missing.status());
        assertEquals("3", header(missing, "x-ratelimit-remaining"));
        assertEquals(400, invalid.status());
        assertEquals("5", header(invalid, "x-ratelimit-limit"));
        assertEquals("2", header(invalid, "x-ratelimit-remaining"));
    }

    private static String header(Reply reply, String name) {
        List<String> values = reply.headers().get(name);
        assertEquals(1, values == null ? 0 : values.size(), name + " in " + reply.headers());
        return values.get(0);
    }
}
