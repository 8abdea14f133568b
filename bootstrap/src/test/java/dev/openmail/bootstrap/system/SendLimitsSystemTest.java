package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The send caps over HTTP: past one, 429 rate_limit_exceeded with Retry-After, and nothing is sent. */
class SendLimitsSystemTest {

    @Test
    void aSendPastTheInboxsCapAnswers429WithRetryAfterAndSendsNothing() {
        try (RunningServer server = RunningServer.start(TestDatabase.h2(), Map.of(
                "openmail.admin-token", RunningServer.ADMIN_TOKEN, "openmail.send-limits.burst-per-minute", 100,
                "openmail.send-limits.daily-per-inbox", 2))) {
            Account account = server.openAccount();
            String inbox = server.post("/v1/inboxes", account.token(), "{}").string("id");
            String other = server.post("/v1/inboxes", account.token(), "{}").string("id");

            assertEquals(200, send(server, account, inbox).status());
            assertEquals(200, send(server, account, inbox).status());
            Reply refused = send(server, account, inbox);

            assertEquals(429, refused.status(), refused.body());
            assertEquals("rate_limit_exceeded", refused.error());
            assertTrue(refused.string("message").contains("2 sends per day (UTC) per inbox"), refused.body());
            List<String> retryAfter = refused.headers().getOrDefault("retry-after", List.of());
            assertEquals(1, retryAfter.size(), refused.headers().toString());
            long seconds = Long.parseLong(retryAfter.get(0));
            assertTrue(seconds >= 1 && seconds <= 86_400, "until midnight UTC: " + seconds);
            assertEquals(2, server.get("/v1/inboxes/" + inbox + "/messages", account.token()).total(),
                    "the refused send stored nothing");
            assertEquals(200, send(server, account, other).status(), "another inbox has its own count");
        }
    }

    private static Reply send(RunningServer server, Account account, String inbox) {
        return server.send(RunningServer.authorized(HttpRequest.newBuilder(server.uri("/v1/inboxes/" + inbox + "/send"))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"bob@example.org\",\"subject\":\"Hi\","
                        + "\"body\":\"Hello\"}", StandardCharsets.UTF_8)), account.token()));
    }
}
