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

/** An account's many keys share one allowance: minting more keys does not buy more requests. */
class AccountRateLimitSystemTest {

    private static RunningServer server;

    @BeforeAll
    static void startAServerWithATightAccountLimit() {
        server = RunningServer.start(TestDatabase.h2(), Map.of("openmail.admin-token", RunningServer.ADMIN_TOKEN,
                "openmail.rate-limit.requests-per-second", "1", "openmail.rate-limit.burst", "10",
                "openmail.rate-limit.account-requests-per-second", "1", "openmail.rate-limit.account-burst", "15",
                "openmail.outbox.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void keysOfOneAccountAreRefusedTogetherWhileAnotherAccountIsServed() {
        Account tenant = server.openAccount();
        Account neighbour = server.openAccount();
        String pod = server.post("/v1/pods", tenant.token(), "{}").string("id");
        List<String> podKeys = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Reply minted = server.post("/v1/pods/" + pod + "/api-keys", tenant.token(), "{}");
            assertEquals(201, minted.status(), minted.body());
            podKeys.add(minted.string("token"));
        }

        List<Reply> replies = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            for (String key : podKeys) {
                replies.add(server.get("/v1/pods/" + pod, key));
            }
        }

        List<Reply> refused = replies.stream().filter(reply -> reply.status() == 429).toList();
        assertFalse(refused.isEmpty(), "24 requests on 4 keys of 10 each exceed the account's 15");
        assertTrue(replies.stream().filter(reply -> reply.status() == 200).count() < 24);
        Reply first = refused.get(0);
        assertEquals("rate_limit_exceeded", first.error());
        assertEquals("15", first.headers().get("x-ratelimit-limit").get(0), "the account's allowance is told");
        assertEquals("0", first.headers().get("x-ratelimit-remaining").get(0));
        assertTrue(Integer.parseInt(first.headers().get("retry-after").get(0)) >= 1);
        assertEquals(200, server.get("/v1/pods", neighbour.token()).status(), "another tenant is served");
    }
}
