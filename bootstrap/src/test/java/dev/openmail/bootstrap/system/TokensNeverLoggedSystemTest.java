package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.CapturedLog;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No API token reaches the log. Runs after every other test class, so it searches the log of the whole run for every
 * token the system tests sent, and first makes sure every path a token takes has been walked at least once.
 */
@Order(Integer.MAX_VALUE)
class TokensNeverLoggedSystemTest {

    private final RunningServer server = RunningServer.shared();

    @Test
    void noTokenSentDuringTheRunAppearsInItsLog() {
        List<String> minted = walkEveryPathATokenTakes();

        Set<String> sent = RunningServer.tokensSent();
        assertTrue(sent.containsAll(minted), "the tokens used here were recorded");
        String log = CapturedLog.text();
        assertTrue(log.contains("io.micronaut"), "the log of the run was captured: " + log.length() + " characters");

        List<String> leaked = sent.stream().filter(token -> token.length() >= 19).filter(log::contains).toList();
        assertEquals(List.of(), leaked, "these tokens appear in the log");
        for (String token : minted) {
            assertFalse(log.contains(token.substring(3)), "not even without its prefix");
        }
    }

    /** Mints keys of each kind, uses them, revokes them, uses them revoked and mangled, and provokes failures. */
    private List<String> walkEveryPathATokenTakes() {
        Account account = server.openAccount();
        List<String> tokens = new ArrayList<>(List.of(account.token()));
        String pod = server.post("/v1/pods", account.token(), "{}").string("id");
        String inbox = server.post("/v1/inboxes", account.token(), "{\"podId\":\"" + pod + "\"}").string("id");
        for (String holder : List.of("/v1/api-keys", "/v1/pods/" + pod + "/api-keys", "/v1/inboxes/" + inbox + "/api-keys")) {
            Reply minted = server.post(holder, account.token(), "{\"name\":\"logged?\"}");
            assertEquals(201, minted.status(), minted.body());
            String token = minted.string("token");
            tokens.add(token);
            server.get("/v1/inboxes/" + inbox, token);
            server.delete("/v1/pods/" + pod, token);
            server.post("/v1/inboxes", token, "{\"webhookUrl\":\"not a url\"}");
            server.post("/v1/inboxes", token, "{broken json");
            server.get("/v1/no-such-route", token);
            server.get("/admin/v1/accounts", token);
            assertEquals(204, server.delete(holder + "/" + minted.string("id"), account.token()).status());
            assertEquals(401, server.get("/v1/pods", token).status());
            String mangled = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
            tokens.add(mangled);
            assertEquals(401, server.get("/v1/pods", mangled).status());
            server.get("/v1/pods", token + " trailing");
        }
        return tokens;
    }
}
