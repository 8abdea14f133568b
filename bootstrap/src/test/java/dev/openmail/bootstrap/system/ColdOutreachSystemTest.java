package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.Eventually;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cold-outreach caps over HTTP: past one, 429 cold_outreach_limit with Retry-After to the next UTC midnight and
 * nothing sent; a recipient who wrote in over SMTP is warm; the operator's overrides through /admin/v1.
 */
class ColdOutreachSystemTest {

    @Test
    void aColdSendPastTheInboxsCapAnswers429UntilMidnightAndTheOperatorMayLiftIt() throws Exception {
        try (RunningServer server = RunningServer.start(TestDatabase.h2(), Map.of(
                "openmail.admin-token", RunningServer.ADMIN_TOKEN, "openmail.send-limits.cold-per-inbox-new", 2,
                "openmail.send-limits.cold-per-account-new", 30, "openmail.send-limits.cold-per-account", 100))) {
            Account account = server.openAccount();
            String inbox = server.post("/v1/inboxes", account.token(), "{}").string("id");
            String address = server.get("/v1/inboxes/" + inbox, account.token()).string("address");
            String colleague = server.get("/v1/inboxes/" + server.post("/v1/inboxes", account.token(), "{}")
                    .string("id"), account.token()).string("address");

            assertEquals(200, send(server, account, inbox, "{\"to\":\"one@example.org\",\"cc\":[\"" + colleague
                    + "\"],\"subject\":\"Hi\",\"body\":\"Hello\"}").status(), "an inbox here is no cold recipient");
            Reply twoMore = send(server, account, inbox, "{\"to\":\"two@example.org\",\"cc\":[\"three@example.org\"],"
                    + "\"subject\":\"Hi\",\"body\":\"Hello\"}");
            Instant asked = Instant.now();

            assertEquals(429, twoMore.status(), twoMore.body());
            assertEquals("cold_outreach_limit", twoMore.error());
            assertTrue(twoMore.string("message").startsWith("2 cold sends per day (UTC) per inbox in its first 30"
                    + " days; this message has 2 cold recipients"), twoMore.body());
            List<String> retryAfter = twoMore.headers().getOrDefault("retry-after", List.of());
            assertEquals(1, retryAfter.size(), twoMore.headers().toString());
            long midnight = LocalDate.ofInstant(asked, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC)
                    .toEpochSecond();
            long seconds = Long.parseLong(retryAfter.get(0));
            assertTrue(Math.abs(midnight - asked.getEpochSecond() - seconds) <= 5,
                    "until 00:00 UTC: " + seconds + " s");
            assertEquals(1, server.get("/v1/inboxes/" + inbox + "/messages?direction=outbound", account.token())
                    .total(), "the refused send stored nothing");

            assertEquals(200, send(server, account, inbox, mailTo("two@example.org")).status(), "one still fits");
            assertEquals(429, send(server, account, inbox, mailTo("alice@example.org")).status());
            deliverOverSmtp(server, "alice@example.org", address);
            assertTrue(Eventually.holds(() -> server.get("/v1/inboxes/" + inbox + "/messages?direction=inbound",
                    account.token()).total() == 1, Duration.ofSeconds(10)));
            assertEquals(200, send(server, account, inbox, mailTo("Alice@example.org")).status(),
                    "who wrote in is warm");

            String limits = "/admin/v1/accounts/" + account.id() + "/send-limits";
            Reply lifted = put(server, limits, "{\"coldPerInboxNew\":0,\"dailyPerInbox\":1000}");
            assertEquals(200, lifted.status(), lifted.body());
            assertEquals(0, ((Number) lifted.at("effective.coldPerInboxNew")).intValue());
            assertEquals(1000, ((Number) lifted.at("overrides.dailyPerInbox")).intValue());
            assertNull(lifted.at("overrides.coldPerAccount"));
            assertEquals(100, ((Number) server.get(limits, RunningServer.ADMIN_TOKEN).at("effective.coldPerAccount"))
                    .intValue());
            assertEquals(200, send(server, account, inbox, mailTo("four@example.org")).status());

            Reply negative = put(server, limits, "{\"coldPerAccountNew\":-5}");
            assertEquals(400, negative.status(), negative.body());
            assertEquals("bad_request", negative.error());
            assertEquals(401, put(server, limits, "{}", account.token()).status(), "not with an API key");
        }
    }

    private static String mailTo(String to) {
        return "{\"to\":\"" + to + "\",\"subject\":\"Hi\",\"body\":\"Hello\"}";
    }

    private static Reply send(RunningServer server, Account account, String inbox, String json) {
        return server.send(RunningServer.authorized(HttpRequest.newBuilder(server.uri("/v1/inboxes/" + inbox + "/send"))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)), account.token()));
    }

    private static Reply put(RunningServer server, String path, String json) {
        return put(server, path, json, RunningServer.ADMIN_TOKEN);
    }

    private static Reply put(RunningServer server, String path, String json, String token) {
        return server.send(RunningServer.authorized(HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)), token));
    }

    private static void deliverOverSmtp(RunningServer server, String from, String to) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(server.smtpPort()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "30000");
        MimeMessage mail = new MimeMessage(Session.getInstance(properties));
        mail.setFrom(new InternetAddress(from));
        mail.setRecipients(RecipientType.TO, to);
        mail.setSubject("A question", "UTF-8");
        mail.setText("Could you write back?", "UTF-8");
        mail.saveChanges();
        Transport.send(mail);
    }
}
