package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flood of bad tokens from one address: after the allowed failures, that address gets 429 with Retry-After on
 * {@code /v1} and {@code /admin} alike. The flood comes from 127.0.0.1, so a good key from there is blocked too;
 * another tenant's requests, sent from 127.0.0.2, are served during the flood and after it.
 */
class AuthFailuresSystemTest {

    private RunningServer server;

    /** A server of its own for each test, since each one uses up 127.0.0.1's allowance. */
    @BeforeEach
    void startAServerThatThrottlesFailures() {
        server = RunningServer.start(TestDatabase.h2(), Map.of("openmail.admin-token", RunningServer.ADMIN_TOKEN,
                "openmail.auth-failures-per-minute", 5, "openmail.outbox.enabled", "false"));
    }

    @AfterEach
    void stop() {
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

    @Test
    void aParallelFloodOfBadTokensFromOneAddressEndsIn429WhileAnotherAddressIsServed() throws Exception {
        Account tenant = server.openAccount();
        ExecutorService flood = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String badToken = "om_flood" + i + "xxxxxxxxxxxxxxxxxxxx";
                statuses.add(flood.submit(() -> server.get("/v1/pods", badToken).status()));
            }
            int servedMeanwhile = statusFrom("127.0.0.2", "/v1/pods", tenant.token());

            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answers.add(status.get(60, TimeUnit.SECONDS));
            }
            assertTrue(answers.stream().allMatch(status -> status == 401 || status == 429), answers.toString());
            assertTrue(answers.stream().filter(status -> status == 401).count() <= 5 + 8,
                    "at most the allowance, and the requests in flight when it ran out: " + answers);
            assertEquals(429, server.get("/v1/pods", "om_floodlastxxxxxxxxxxxxxxxxxxx").status());
            assertEquals(200, servedMeanwhile, "a good key from another address is served during the flood");
            assertEquals(200, statusFrom("127.0.0.2", "/v1/pods", tenant.token()), "and after it");
        } finally {
            flood.shutdownNow();
        }
    }

    /** The status of a GET sent from {@code localAddress}, another loopback address than the client's usual one. */
    private int statusFrom(String localAddress, String path, String token) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.uri("/").getPort(),
                InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + token + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }
}
