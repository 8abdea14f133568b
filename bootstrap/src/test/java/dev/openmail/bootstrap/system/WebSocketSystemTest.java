package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import dev.openmail.bootstrap.support.WsClient;
import dev.openmail.bootstrap.support.WsClient.Closed;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /v1/ws} as pages/websockets/protocol.mdx describes it, driven by the JDK's WebSocket client against the whole
 * server: every message type, events of mail received over SMTP, resuming with {@code last_event_id}, the limits and
 * close codes, and what scoped keys may hear.
 */
class WebSocketSystemTest {

    private final RunningServer server = RunningServer.shared();

    @Test
    void everyMessageTypeIsAnsweredAsDocumented() {
        Account acme = server.openAccount();
        String inbox = inbox(acme.token());
        try (WsClient ws = connect(acme.token())) {
            assertEquals(Map.of("type", "pong"), ws.ask("{\"type\":\"ping\"}"));
            assertEquals(Map.of("type", "subscribed", "inbox_ids", List.of(), "event_types", List.of()),
                    ws.ask("{\"type\":\"subscribe\"}"));
            assertEquals(Map.of("type", "unsubscribed", "inbox_ids", List.of()), ws.ask("{\"type\":\"unsubscribe\"}"));
            assertEquals(Map.of("type", "subscribed", "inbox_ids", List.of(inbox), "event_types",
                    List.of("message.received")), ws.ask("{\"type\":\"subscribe\",\"inbox_ids\":[\"" + inbox
                    + "\"],\"event_types\":[\"message.received\"]}"));
            assertEquals(Map.of("type", "subscribed", "inbox_ids", List.of(inbox), "event_types",
                    List.of("message.received", "message.sent")), ws.ask("{\"type\":\"subscribe\","
                    + "\"event_types\":[\"message.sent\"],\"inbox_ids\":[\"" + inbox + "\"]}"), "subscriptions add up");
            assertEquals(Map.of("type", "unsubscribed", "inbox_ids", List.of(inbox)),
                    ws.ask("{\"type\":\"unsubscribe\",\"inbox_ids\":[\"" + inbox + "\"]}"));

            assertError(ws.ask("{\"type\":"), "not valid JSON");
            assertError(ws.ask("[1,2]"), "not valid JSON");
            assertError(ws.ask("{\"type\":\"dance\"}"), "Unknown message type");
            assertError(ws.ask("{}"), "needs a type");
            assertError(ws.ask("{\"type\":\"subscribe\",\"event_types\":[\"message.exploded\"]}"), "event type");
            assertError(ws.ask("{\"type\":\"subscribe\",\"inbox_ids\":\"" + inbox + "\"}"), "array of strings");
            assertFalse(ws.isClosed(), "errors leave the connection open");
        }
    }

    @Test
    void mailReceivedOverSmtpArrivesAsTheDocumentedEvent() throws Exception {
        Account acme = server.openAccount();
        Reply created = server.post("/v1/inboxes", acme.token(), "{}");
        String inbox = created.string("id");
        try (WsClient ws = connect(acme.token())) {
            ws.ask("{\"type\":\"subscribe\"}");

            mail(created.string("address"), "Order 42");

            Map<String, Object> event = ws.next();
            assertEquals("message.received", event.get("event"));
            assertEquals(inbox, event.get("inbox_id"));
            assertEquals(1, ((Number) event.get("attempt")).intValue());
            assertTrue(((String) event.get("event_id")).startsWith("evt_"));
            assertTrue(((String) event.get("occurred_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
            assertTrue(((String) event.get("delivered_at")).endsWith("Z"));
            @SuppressWarnings("unchecked")
            Map<String, Object> message = (Map<String, Object>) event.get("message");
            assertEquals("Order 42", message.get("subject"));
            assertEquals("alice@example.org", message.get("from"));
            assertTrue(((String) message.get("rfc_message_id")).startsWith("<"));
            Reply listed = server.get("/v1/inboxes/" + inbox + "/messages", acme.token());
            assertEquals(listed.data().get(0).get("id"), message.get("id"));
            assertEquals(listed.data().get(0).get("threadId"), event.get("thread_id"));
        }
    }

    @Test
    void aResumeWithTheLastEventIdReplaysWhatWasMissedThenGoesLiveWithoutRepeats() throws Exception {
        Account acme = server.openAccount();
        Reply created = server.post("/v1/inboxes", acme.token(), "{}");
        String address = created.string("address");
        String first;
        try (WsClient ws = connect(acme.token())) {
            ws.ask("{\"type\":\"subscribe\"}");
            mail(address, "one");
            first = (String) ws.next().get("event_id");
        }
        mail(address, "two");
        mail(address, "three");
        waitForMessages(acme.token(), created.string("id"), 3);

        try (WsClient ws = connect(acme.token())) {
            assertEquals("subscribed", ws.ask("{\"type\":\"subscribe\",\"last_event_id\":\"" + first + "\"}").get("type"));
            assertEquals("two", subject(ws.next()));
            assertEquals("three", subject(ws.next()));
            mail(address, "four");
            assertEquals("four", subject(ws.next()));
            assertNull(ws.nextTextWithin(Duration.ofMillis(300)), "nothing twice");
        }
    }

    @Test
    void anUnknownOrAnotherAccountsLastEventIdIsAnError() throws Exception {
        Account acme = server.openAccount();
        Account globex = server.openAccount();
        Reply theirs = server.post("/v1/inboxes", globex.token(), "{}");
        String theirEvent;
        try (WsClient ws = connect(globex.token())) {
            ws.ask("{\"type\":\"subscribe\"}");
            mail(theirs.string("address"), "secret");
            theirEvent = (String) ws.next().get("event_id");
        }
        try (WsClient ws = connect(acme.token())) {
            assertError(ws.ask("{\"type\":\"subscribe\",\"last_event_id\":\"" + theirEvent + "\"}"), "last_event_id");
            assertError(ws.ask("{\"type\":\"subscribe\",\"last_event_id\":\"evt_nope\"}"), "last_event_id");
            assertEquals(Map.of("type", "subscribed", "inbox_ids", List.of(), "event_types", List.of()),
                    ws.ask("{\"type\":\"subscribe\"}"), "a refused subscribe changed nothing");
        }
    }

    @Test
    void aMissingOrUnknownKeyIsClosedWith4001AndATokenInTheQueryIsAccepted() {
        Account acme = server.openAccount();
        try (WsClient none = WsClient.bearer(port(), null)) {
            assertError(none.next(), "Missing API key");
            assertEquals(4001, none.closed().code());
        }
        try (WsClient wrong = WsClient.bearer(port(), "om_live_unknownunknownunknownunknown")) {
            assertEquals("error", wrong.next().get("type"));
            assertEquals(4001, wrong.closed().code());
        }
        try (WsClient query = WsClient.query(port(), acme.token())) {
            assertEquals(Map.of("type", "pong"), query.ask("{\"type\":\"ping\"}"));
        }
    }

    @Test
    void theEleventhConnectionOfAnAccountIsClosedWith4008() {
        Account acme = server.openAccount();
        List<WsClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                WsClient ws = connect(acme.token());
                open.add(ws);
                assertEquals("pong", ws.ask("{\"type\":\"ping\"}").get("type"));
            }
            WsClient eleventh = connect(acme.token());
            open.add(eleventh);
            assertError(eleventh.next(), "10 WebSocket connections");
            assertEquals(4008, eleventh.closed().code());

            open.get(0).close();
            assertTrue(dev.openmail.bootstrap.support.Eventually.holds(() -> {
                try (WsClient again = connect(acme.token())) {
                    return "pong".equals(again.ask("{\"type\":\"ping\"}").get("type"));
                } catch (AssertionError refused) {
                    return false;
                }
            }, Duration.ofSeconds(10)), "a closed connection frees its place");
        } finally {
            open.forEach(WsClient::close);
        }
    }

    @Test
    void theThirtyFirstMessageIn10SecondsClosesWith4029() {
        Account acme = server.openAccount();
        try (WsClient ws = connect(acme.token())) {
            for (int i = 0; i < 30; i++) {
                ws.send("{\"type\":\"ping\"}");
            }
            for (int i = 0; i < 30; i++) {
                assertEquals("pong", ws.next().get("type"), "pong " + i);
            }
            ws.send("{\"type\":\"ping\"}");
            assertError(ws.next(), "30 messages");
            assertEquals(4029, ws.closed().code());
        }
    }

    @Test
    void aMessageLargerThan64KiBClosesTheConnection() {
        Account acme = server.openAccount();
        try (WsClient ws = connect(acme.token())) {
            ws.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
            assertEquals(1009, ws.closed().code());
        }
    }

    @Test
    void revokingTheKeyThroughTheApiClosesItsConnectionsWith4001AtOnce() {
        Account acme = server.openAccount();
        Reply minted = server.post("/v1/api-keys", acme.token(), "{\"name\":\"agent\"}");
        assertEquals(201, minted.status(), minted.body());
        try (WsClient ws = connect(minted.string("token"))) {
            assertEquals("pong", ws.ask("{\"type\":\"ping\"}").get("type"));

            assertEquals(204, server.delete("/v1/api-keys/" + minted.string("id"), acme.token()).status());

            assertError(ws.next(), "revoked");
            Closed closed = ws.closedWithin(Duration.ofSeconds(5));
            assertEquals(4001, closed.code());
        }
    }

    // ---- helpers

    static void assertError(Map<String, Object> reply, String saying) {
        assertEquals("error", reply.get("type"), reply::toString);
        assertTrue(((String) reply.get("message")).contains(saying), reply::toString);
    }

    private WsClient connect(String token) {
        return WsClient.bearer(port(), token);
    }

    private int port() {
        return server.uri("/").getPort();
    }

    private String inbox(String token) {
        Reply created = server.post("/v1/inboxes", token, "{}");
        assertEquals(201, created.status(), created.body());
        return created.string("id");
    }

    @SuppressWarnings("unchecked")
    static String subject(Map<String, Object> event) {
        return (String) ((Map<String, Object>) event.get("message")).get("subject");
    }

    private void waitForMessages(String token, String inbox, int count) {
        assertTrue(dev.openmail.bootstrap.support.Eventually.holds(
                () -> server.get("/v1/inboxes/" + inbox + "/messages", token).total() >= count, Duration.ofSeconds(10)));
    }

    void mail(String to, String subject) throws Exception {
        mail(server.smtpPort(), to, subject);
    }

    static void mail(int smtpPort, String to, String subject) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(smtpPort));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "30000");
        MimeMessage mail = new MimeMessage(Session.getInstance(properties));
        mail.setFrom(new InternetAddress("alice@example.org"));
        mail.setRecipients(RecipientType.TO, to);
        mail.setSubject(subject, "UTF-8");
        mail.setText("Hello", "UTF-8");
        mail.saveChanges();
        Transport.send(mail, new Address[]{new InternetAddress(to)});
    }
}
