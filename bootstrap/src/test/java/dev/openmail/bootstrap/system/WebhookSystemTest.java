package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.ControllableClock;
import dev.openmail.bootstrap.support.Eventually;
import dev.openmail.bootstrap.support.IndependentHmac;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import dev.openmail.bootstrap.support.WebhookReceiver;
import dev.openmail.bootstrap.support.WebhookReceiver.Received;
import dev.openmail.bootstrap.support.WsClient;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.activation.DataHandler;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks end to end on a server of its own (an in-memory database, so that no other server's workers take its
 * deliveries, private targets allowed, a clock the test moves): mail received over SMTP is posted to a real HTTP
 * receiver, whose signatures are checked with an HMAC written from the RFC, and a failing receiver is retried on the
 * documented schedule.
 */
class WebhookSystemTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private RunningServer server;
    private ControllableClock clock;
    private WebhookReceiver receiver;
    private Account account;

    @BeforeEach
    void start() {
        server = RunningServer.start(TestDatabase.h2(), Map.of("openmail.admin-token", RunningServer.ADMIN_TOKEN,
                "openmail.webhooks.allow-private-targets", true, "openmail.test.controllable-clock", true,
                "openmail.webhooks.poll-interval", "50ms"));
        clock = server.context().getBean(ControllableClock.class);
        receiver = new WebhookReceiver();
        account = server.openAccount();
    }

    @AfterEach
    void stop() {
        receiver.close();
        server.close();
    }

    private Reply inbox(String webhookUrl) {
        Reply inbox = server.post("/v1/inboxes", account.token(),
                webhookUrl == null ? "{}" : "{\"webhookUrl\":\"" + webhookUrl + "\"}");
        assertEquals(201, inbox.status(), inbox.body());
        return inbox;
    }

    private static Map<String, Object> json(String text) throws IOException {
        return JSON.readValue(text, Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> json, String field) {
        return (Map<String, Object>) json.get(field);
    }

    private static void verifySignature(Received request, String secret) {
        String expected = IndependentHmac.hex(secret, request.header("X-Timestamp") + "." + request.bodyText());
        assertEquals(expected, request.header("X-Signature"), "signed with the secret over {timestamp}.{body}");
    }

    @Test
    void receivedMailIsPostedSignedWithTheDocumentedPayload() throws Exception {
        Reply inbox = inbox(receiver.url("/hook"));
        String secret = inbox.string("webhookSecret");
        MimeMessage mail = new MimeMessage(session()) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", "<invoice-42@example.org>");
            }
        };
        mail.setFrom(new InternetAddress("alice@example.org"));
        mail.setRecipients(RecipientType.TO, inbox.string("address"));
        mail.setSubject("Invoice \u00e9 42", "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Please find it attached.", "UTF-8");
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource("%PDF-1.4 test".getBytes(), "application/pdf")));
        file.setFileName("invoice 42.pdf");
        mail.setContent(new MimeMultipart(text, file));
        mail.saveChanges();

        Transport.send(mail);

        assertTrue(Eventually.holds(() -> receiver.receivedAt("/hook").size() == 1, WAIT), "the webhook was posted");
        Received request = receiver.receivedAt("/hook").get(0);
        verifySignature(request, secret);
        assertEquals("application/json", request.header("Content-Type"));
        long timestamp = Long.parseLong(request.header("X-Timestamp"));
        assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 300, "X-Timestamp is now, in seconds");
        Map<String, Object> payload = json(request.bodyText());
        assertEquals(List.of("event", "event_id", "occurred_at", "delivered_at", "attempt", "inbox_id", "thread_id",
                "message"), List.copyOf(payload.keySet()));
        assertEquals("message.received", payload.get("event"));
        assertEquals(request.header("X-Event-Id"), payload.get("event_id"));
        assertTrue(((String) payload.get("event_id")).startsWith("evt_"));
        assertEquals(1, ((Number) payload.get("attempt")).intValue());
        assertEquals(inbox.string("id"), payload.get("inbox_id"));
        Map<String, Object> message = object(payload, "message");
        Reply stored = server.get("/v1/inboxes/" + inbox.string("id") + "/messages", account.token());
        assertEquals(stored.data().get(0).get("id"), message.get("id"));
        assertEquals(stored.data().get(0).get("threadId"), payload.get("thread_id"));
        assertEquals("<invoice-42@example.org>", message.get("rfc_message_id"));
        assertEquals("alice@example.org", message.get("from"));
        assertEquals(inbox.string("address"), message.get("to"));
        assertEquals(List.of(), message.get("cc"));
        assertEquals("Invoice \u00e9 42", message.get("subject"));
        assertEquals("Please find it attached.", ((String) message.get("body_text")).strip());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> attachments = (List<Map<String, Object>>) message.get("attachments");
        assertEquals(1, attachments.size());
        Map<String, Object> attachment = attachments.get(0);
        assertEquals("invoice 42.pdf", attachment.get("filename"));
        assertEquals("application/pdf", attachment.get("contentType"));
        assertTrue(attachment.containsKey("parsedText") && attachment.get("parsedText") == null);
        // read before the event was recorded: a method, or the reason there is no text (this is no readable PDF)
        assertTrue(attachment.get("extractionMethod") instanceof String, String.valueOf(attachment));
        Reply download = server.get(((String) attachment.get("url")).replaceFirst("^https?://[^/]+", ""),
                account.token());
        assertEquals(200, download.status(), "the attachment url downloads the file: " + attachment.get("url"));
        assertTrue(Eventually.holds(() -> deliveries(inbox).data().stream()
                .anyMatch(entry -> "succeeded".equals(entry.get("outcome"))), WAIT), "the delivery log has it");
    }

    private Reply deliveries(Reply inbox) {
        Reply log = server.get("/v1/inboxes/" + inbox.string("id") + "/webhook/deliveries", account.token());
        assertEquals(200, log.status(), log.body());
        return log;
    }

    @Test
    void aFailingWebhookIsRetriedAt30s60s2mAnd4mThenTheDeliveryFails() throws Exception {
        receiver.answer(request -> 500);
        Reply inbox = inbox(receiver.url("/failing"));
        send(inbox.string("address"), "Retry me");
        List<Duration> waits = List.of(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(2),
                Duration.ofMinutes(4));

        for (int attempt = 1; attempt <= 5; attempt++) {
            int made = attempt;
            assertTrue(Eventually.holds(() -> receiver.receivedAt("/failing").size() == made, WAIT),
                    "attempt " + attempt + " was made");
            Received request = receiver.receivedAt("/failing").get(attempt - 1);
            Map<String, Object> payload = json(request.bodyText());
            assertEquals(attempt, ((Number) payload.get("attempt")).intValue());
            verifySignature(request, inbox.string("webhookSecret"));
            String eventId = (String) payload.get("event_id");
            if (attempt < 5) {
                assertTrue(Eventually.holds(() -> attempts(eventId) == made, WAIT));
                Instant deliveredAt = Instant.parse((String) payload.get("delivered_at"));
                Duration wait = Duration.ofMillis(nextAttemptAt(eventId) - deliveredAt.toEpochMilli());
                Duration expected = waits.get(attempt - 1);
                assertTrue(wait.compareTo(expected) >= 0 && wait.compareTo(expected.plusSeconds(5)) < 0,
                        "attempt " + (attempt + 1) + " is due " + wait + " after attempt " + attempt);
                assertEquals(attempt, receiver.receivedAt("/failing").size(), "nothing is posted before it is due");
                clock.advance(expected);
            }
        }

        String eventId = (String) json(receiver.receivedAt("/failing").get(0).bodyText()).get("event_id");
        assertTrue(Eventually.holds(() -> "failed".equals(statusOf(eventId)), WAIT));
        clock.advance(Duration.ofHours(1));
        Reply log = deliveries(inbox);
        assertEquals(5, log.total());
        for (Map<String, Object> entry : log.data()) {
            assertEquals("failed", entry.get("outcome"));
            assertEquals(500, ((Number) entry.get("statusCode")).intValue());
        }
        assertEquals(5, receiver.receivedAt("/failing").size());
    }

    @Test
    void anInboxWithoutAWebhookFallsBackToTheAccountsWebhookAndItsSecret() throws Exception {
        Reply set = server.send(RunningServer.authorized(java.net.http.HttpRequest.newBuilder(server.uri("/v1/webhook")),
                        account.token()).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"webhookUrl\":\"" + receiver.url("/account")
                        + "\"}")));
        assertEquals(200, set.status(), set.body());
        Reply plain = inbox(null);
        Reply own = inbox(receiver.url("/own"));

        send(plain.string("address"), "To the account");
        send(own.string("address"), "To the inbox");

        assertTrue(Eventually.holds(() -> receiver.receivedAt("/account").size() == 1
                && receiver.receivedAt("/own").size() == 1, WAIT), () -> receiver.received().toString());
        verifySignature(receiver.receivedAt("/account").get(0), set.string("webhookSecret"));
        verifySignature(receiver.receivedAt("/own").get(0), own.string("webhookSecret"));
        assertEquals(plain.string("id"), json(receiver.receivedAt("/account").get(0).bodyText()).get("inbox_id"));
    }

    @Test
    void aRotatedSecretSignsFromTheNextPostOn() throws Exception {
        Reply inbox = inbox(receiver.url("/rotated"));
        Reply rotated = server.post("/v1/inboxes/" + inbox.string("id") + "/webhook/rotate-secret", account.token(), "");
        assertEquals(200, rotated.status(), rotated.body());

        Reply test = server.post("/v1/inboxes/" + inbox.string("id") + "/webhook/test", account.token(), "");

        assertEquals(200, test.status(), test.body());
        Received request = receiver.receivedAt("/rotated").get(0);
        verifySignature(request, rotated.string("webhookSecret"));
        Map<String, Object> payload = json(request.bodyText());
        assertEquals("webhook.test", payload.get("event"));
        assertEquals(inbox.string("id"), payload.get("inbox_id"));
        assertNull(payload.get("message"));
    }

    @Test
    void whileAWebSocketHearsAnInboxItsWebhookIsNotPostedAndAfterwardsItIs() throws Exception {
        Reply inbox = inbox(receiver.url("/preferred"));
        int port = server.uri("/").getPort();
        try (WsClient socket = WsClient.bearer(port, account.token())) {
            Map<String, Object> subscribed = socket.ask("{\"type\":\"subscribe\",\"inbox_ids\":[\""
                    + inbox.string("id") + "\"]}");
            assertEquals("subscribed", subscribed.get("type"));

            send(inbox.string("address"), "Heard over the socket");

            Map<String, Object> event = socket.next();
            assertEquals("message.received", event.get("event"));
            assertTrue(Eventually.holds(() -> "websocket".equals(statusOf((String) event.get("event_id"))), WAIT),
                    "the delivery gave way to the WebSocket");
        }
        assertTrue(Eventually.holds(() -> server.queryForLong("SELECT COUNT(*) FROM event_subscribers"
                + " WHERE account_id = ?", account.id()) == 0, WAIT), "the closed connection left the presence list");

        send(inbox.string("address"), "Nobody listens now");

        assertTrue(Eventually.holds(() -> receiver.receivedAt("/preferred").size() == 1, WAIT),
                "with no WebSocket the webhook is the fallback");
        assertEquals("Nobody listens now", object(json(receiver.receivedAt("/preferred").get(0).bodyText()),
                "message").get("subject"));
        // The answer is logged once the POST returns, a moment after the receiver has it.
        assertTrue(Eventually.holds(() -> deliveries(inbox).total() == 2, WAIT));
        assertEquals(List.of("succeeded", "websocket"),
                deliveries(inbox).data().stream().map(entry -> entry.get("outcome")).toList());
    }

    private String statusOf(String eventId) {
        for (String status : List.of("pending", "delivered", "failed", "websocket")) {
            if (server.queryForLong("SELECT COUNT(*) FROM webhook_deliveries WHERE event_id = ? AND status = ?",
                    eventId, status) == 1) {
                return status;
            }
        }
        return "none";
    }

    private long attempts(String eventId) {
        return server.queryForLong("SELECT attempts FROM webhook_deliveries WHERE event_id = ?", eventId);
    }

    private long nextAttemptAt(String eventId) {
        return server.queryForLong("SELECT next_attempt_at FROM webhook_deliveries WHERE event_id = ?", eventId);
    }

    private void send(String to, String subject) throws Exception {
        MimeMessage mail = new MimeMessage(session());
        mail.setFrom(new InternetAddress("alice@example.org"));
        mail.setRecipients(RecipientType.TO, to);
        mail.setSubject(subject, "UTF-8");
        mail.setText("Hello", "UTF-8");
        mail.saveChanges();
        Transport.send(mail);
    }

    private Session session() {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(server.smtpPort()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "30000");
        return Session.getInstance(properties);
    }
}
