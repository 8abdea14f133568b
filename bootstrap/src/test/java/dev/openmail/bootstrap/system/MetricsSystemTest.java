package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.Eventually;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's metrics at {@code GET /admin/v1/metrics}: guarded by the admin token (absent without one), and
 * holding the meters the README promises, with routes as templates, after real traffic over HTTP and SMTP.
 */
class MetricsSystemTest {

    private static final String PATH = "/admin/v1/metrics";
    private static RunningServer server;

    @BeforeAll
    static void start() {
        server = RunningServer.start(TestDatabase.h2(), Map.of("openmail.admin-token", RunningServer.ADMIN_TOKEN,
                "openmail.outbox.poll-interval", "100ms", "openmail.metrics.queue-cache", "0s",
                // the events' webhook deliveries stay pending, so that the webhook queue and the event lag show them
                "openmail.webhooks.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void withoutTheAdminTokenTheMetricsAreRefusedAndAnApiKeyIsNoAdminToken() {
        Account account = server.openAccount();

        Reply anonymous = server.get(PATH, null);
        Reply tenant = server.get(PATH, account.token());
        Reply wrong = server.get(PATH, RunningServer.ADMIN_TOKEN + "x");

        for (Reply refused : List.of(anonymous, tenant, wrong)) {
            assertEquals(401, refused.status(), refused.body());
            assertEquals("unauthorized", refused.error());
            assertFalse(refused.body().contains("openmail_"), "no metric in a refusal");
        }
    }

    @Test
    void anInstallationWithoutAnAdminTokenServesNoMetricsAtAll() {
        try (RunningServer bare = RunningServer.start(TestDatabase.h2(), Map.of())) {
            assertEquals(404, bare.get(PATH, null).status());
            assertEquals(404, bare.get(PATH, "anything").status());
            assertEquals(404, bare.get(PATH, RunningServer.ADMIN_TOKEN).status());
        }
    }

    @Test
    void theMetricsCountHttpRoutesSmtpQueuesAndDeliveries() throws IOException {
        Account account = server.openAccount();
        String inbox = server.post("/v1/inboxes", account.token(), "{}").string("id");
        String address = server.get("/v1/inboxes/" + inbox, account.token()).string("address");
        Reply sent = server.send(RunningServer.authorized(HttpRequest.newBuilder(server.uri("/v1/inboxes/" + inbox
                        + "/send")), account.token())
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"to\":\"someone@outside.example\",\"subject\":\"metrics\",\"body\":\"hello\"}")));
        assertEquals(200, sent.status(), sent.body());
        assertEquals(250, smtpSession(address), "the message to the inbox is accepted");
        assertEquals(550, smtpSession("nobody@" + RunningServer.DEFAULT_DOMAIN), "an unknown mailbox is refused");
        assertEquals(404, server.get("/v1/no-such-route/marker-" + inbox, account.token()).status());
        assertEquals(401, server.get("/v1/inboxes/" + inbox, null).status());

        // the relay is down: the outbox worker tries the outside recipient and defers it
        assertTrue(Eventually.holds(() -> value(scrape(), "openmail_delivery_attempts_total", "result=\"deferred\"")
                .orElse(0) >= 1, Duration.ofSeconds(20)), "a deferred delivery is counted");
        Reply reply = server.get(PATH, RunningServer.ADMIN_TOKEN);
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.headers().get("content-type").get(0).startsWith("text/plain"), reply.headers().toString());
        String metrics = reply.body();

        assertTrue(value(metrics, "openmail_smtp_sessions_total").orElse(0) >= 2, metrics);
        assertTrue(value(metrics, "openmail_smtp_messages_total", "result=\"accepted\"").orElse(0) >= 1);
        assertEquals(0.0, value(metrics, "openmail_smtp_messages_total", "result=\"refused\"").orElseThrow());
        assertTrue(value(metrics, "openmail_smtp_refusals_total", "reason=\"recipient_unknown\"").orElse(0) >= 1);
        assertEquals(0.0, value(metrics, "openmail_smtp_refusals_total", "reason=\"too_large\"").orElseThrow());
        assertTrue(value(metrics, "openmail_outbox_depth").orElse(0) >= 1, "the message to outside waits");
        assertTrue(value(metrics, "openmail_outbox_oldest_due_age_seconds").orElse(-1) >= 0);
        assertTrue(value(metrics, "openmail_webhook_queue_depth").orElse(0) >= 2, "the sent and the received event");
        assertTrue(value(metrics, "openmail_webhook_queue_oldest_due_age_seconds").orElse(0) > 0);
        assertTrue(value(metrics, "openmail_event_lag_seconds").orElse(0) > 0, "the events wait to be handed on");
        assertEquals(0.0, value(metrics, "openmail_delivery_attempts_total", "result=\"delivered\"").orElseThrow());
        assertTrue(value(metrics, "http_server_requests_seconds_count", "method=\"POST\"", "status=\"200\"",
                "uri=\"/v1/inboxes/{id}/send\"").orElse(0) >= 1, metrics);
        assertTrue(value(metrics, "http_server_requests_seconds_count", "method=\"GET\"", "status=\"200\"",
                "uri=\"/v1/inboxes/{id}\"").orElse(0) >= 1);
        assertFalse(metrics.contains(inbox), "a route is counted by its template, never by a path with ids");
        assertTrue(value(metrics, "hikaricp_connections_active").isPresent(), "the connection pool");
        assertTrue(value(metrics, "hikaricp_connections_max").orElse(0) >= 1);
        assertTrue(value(metrics, "jvm_memory_used_bytes", "area=\"heap\"").isPresent(), "the JVM");
        assertFalse(metrics.contains(RunningServer.ADMIN_TOKEN) || metrics.contains(account.token()));
    }

    private static String scrape() {
        Reply reply = server.get(PATH, RunningServer.ADMIN_TOKEN);
        assertEquals(200, reply.status(), reply.body());
        return reply.body();
    }

    /**
     * The sum of the samples of {@code name} whose labels include each of {@code labels} ({@code key="value"});
     * empty when there is none.
     */
    static OptionalDouble value(String metrics, String name, String... labels) {
        double sum = 0;
        boolean found = false;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            boolean matches = true;
            for (String label : labels) {
                matches &= series.contains("{" + label + ",") || series.contains("," + label + ",")
                        || series.contains("," + label + "}") || series.contains("{" + label + "}");
            }
            if (matches) {
                found = true;
                sum += Double.parseDouble(line.substring(space + 1));
            }
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    /** One SMTP transaction to {@code recipient}; the reply to its RCPT when that refuses, else to the data. */
    private static int smtpSession(String recipient) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.smtpPort())) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            assertEquals(220, reply(in));
            assertEquals(250, command(in, out, "EHLO metrics.test"));
            assertEquals(250, command(in, out, "MAIL FROM:<sender@example.org>"));
            int rcpt = command(in, out, "RCPT TO:<" + recipient + ">");
            if (rcpt != 250) {
                command(in, out, "QUIT");
                return rcpt;
            }
            assertEquals(354, command(in, out, "DATA"));
            int data = command(in, out, "From: sender@example.org\r\nTo: " + recipient
                    + "\r\nSubject: metrics\r\n\r\nhello\r\n.");
            command(in, out, "QUIT");
            return data;
        }
    }

    private static int command(BufferedReader in, OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply(in);
    }

    private static int reply(BufferedReader in) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("the server closed the connection after " + lines);
            }
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return Integer.parseInt(line.substring(0, 3));
    }
}
