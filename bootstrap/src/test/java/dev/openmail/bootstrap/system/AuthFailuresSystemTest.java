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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flood of bad tokens from one address: after the allowed failures, that address gets 429 with Retry-After on
 * {@code /v1} and {@code /admin} alike. Every request of the test comes from 127.0.0.1, so the good key opened before
 * the flood is blocked too; what stays served is the server itself (its health, which takes no token), and the unit
 * test {@code AuthFailureThrottleTest} shows other addresses are not affected.
 */
class AuthFailuresSystemTest {

    private static RunningServer server;

    @BeforeAll
    static void startAServerThatThrottlesFailures() {
        server = RunningServer.start(TestDatabase.h2(), Map.of("openmail.admin-token", RunningServer.ADMIN_TOKEN,
                "openmail.auth-failures-per-minute", 5, "openmail.outbox.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aFloodOfBadTokensGets429WithRetryAfter() {
        Account account = server.openAccount();
        assertEquals(200, server.get("/v1/pods", account.token()).status());

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            statuses.add(server.get("/v1/pods", "om_wrong" + i + "xxxxxxxxxxxxxxxxxxxx").status());
        }

        assertEquals(List.of(401, 401, 401, 401, 401, 429, 429, 429, 429, 429), statuses);
        Reply refused = server.get("/v1/pods", "om_wrongagainxxxxxxxxxxxxxxxxx");
        assertEquals("rate_limit_exceeded", refused.error());
        int retryAfter = Integer.parseInt(refused.headers().get("retry-after").get(0));
        assertTrue(retryAfter >= 1 && retryAfter <= 12, "5 a minute: one back every 12 s, not " + retryAfter);
        assertEquals(429, server.get("/admin/v1/accounts", "wrong-admin-token").status(), "the operator API too");
        assertEquals(200, server.get("/health", null).status(), "the server still answers");
    }
}
