package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Abuse of message structure, against the whole running server: a message of 500,000 MIME parts or of 50,000 header
 * fields is refused with 552 5.3.4 and stored nowhere, and a thread too large to read at once is read in pages within a budget of body
 * characters, while another tenant's request is answered.
 */
class ComplexityCapsSystemTest {

    private static final int PARTS = 500_000;
    /** Characters of bodies in one answer of a thread read: a small setting, so that a small thread goes over it. */
    private static final int BODY_BUDGET = 300_000;
    private static final int BODY_CHARS = 20_000;

    private static RunningServer server;

    @BeforeAll
    static void startAServerThatTakesBigMessages() {
        server = RunningServer.start(TestDatabase.mysql(), Map.of("openmail.admin-token", RunningServer.ADMIN_TOKEN,
                "openmail.outbox.enabled", "false",
                "openmail.dns-server", RunningServer.dns().address(),
                // room for 500,000 small parts, so that the part cap rather than the size limit refuses them
                "openmail.smtp.max-message-bytes", 16 * 1024 * 1024,
                "openmail.mail-read.max-body-chars", BODY_BUDGET));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aMessageOfHalfAMillionPartsIsRefusedWith552WhileAnotherTenantIsServed() throws Exception {
        Account target = server.openAccount();
        Reply inbox = server.post("/v1/inboxes", target.token(), "{}");
        Account neighbour = server.openAccount();
        server.post("/v1/inboxes", neighbour.token(), "{}");

        CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> {
            try (Smtp smtp = new Smtp(server.smtpPort())) {
                return smtp.sendParts("sender@remote.example", inbox.string("address"), PARTS);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Reply meanwhile = server.get("/v1/inboxes", neighbour.token());
        String answer = reply.get(60, TimeUnit.SECONDS);

        assertEquals(200, meanwhile.status(), meanwhile.body());
        assertEquals(1, meanwhile.total(), meanwhile.body());
        assertTrue(answer.startsWith("552 5.3.4"), answer);
        assertTrue(answer.contains("more than 1000 MIME parts"), answer);
        assertEquals(0, server.get("/v1/inboxes/" + inbox.string("id") + "/messages", target.token()).total(),
                "nothing of a refused message is stored");
        assertEquals(200, server.get("/v1/inboxes", neighbour.token()).status(), "the server answers after it too");
    }

    @Test
    void aHeaderFloodIsRefusedWith552AndTheSessionGoesOn() throws Exception {
        Account target = server.openAccount();
        Reply inbox = server.post("/v1/inboxes", target.token(), "{}");
        StringBuilder flood = new StringBuilder("From: flood@remote.example\r\nSubject: flood\r\n");
        for (int i = 0; i < 50_000; i++) {
            flood.append("X-Flood: ").append(i).append("\r\n");
        }
        flood.append("\r\nbody\r\n");

        try (Smtp smtp = new Smtp(server.smtpPort())) {
            String answer = smtp.sendRaw("flood@remote.example", inbox.string("address"), flood.toString());
            assertTrue(answer.startsWith("552 5.3.4") && answer.contains("header fields"), answer);
            String next = smtp.sendRaw("flood@remote.example", inbox.string("address"),
                    "From: flood@remote.example\r\nSubject: calm\r\n\r\nbody\r\n");
            assertTrue(next.startsWith("250"), "the next message of the session is taken: " + next);
        }
        Reply stored = server.get("/v1/inboxes/" + inbox.string("id") + "/messages", target.token());
        assertEquals(1, stored.total(), stored.body());
        assertEquals("calm", stored.data().get(0).get("subject"));
    }

    /**
     * A thread too large to read at once (105 messages of 20,000 characters, against a budget of 300,000 characters
     * of bodies per answer) is read in pages of 100, the bodies of each page cut to share the budget and marked, and
     * each message is whole in its raw form; another tenant is served meanwhile.
     */
    @Test
    void aThreadTooLargeToReadAtOnceIsReadInPagesWithItsBodiesWithinTheBudget() throws Exception {
        Account owner = server.openAccount();
        String agent = server.post("/v1/inboxes", owner.token(), "{}").string("id");
        String customer = server.post("/v1/inboxes", owner.token(), "{}").string("address");
        Account neighbour = server.openAccount();
        server.post("/v1/inboxes", neighbour.token(), "{}");
        int messages = 105;
        String threadId = null;
        for (int i = 0; i < messages; i++) {
            String body = body(i);
            Reply sent = server.send(RunningServer.authorized(HttpRequest.newBuilder(
                            server.uri("/v1/inboxes/" + agent + "/send"))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"" + customer + "\","
                            + (threadId == null ? "\"subject\":\"Long\"" : "\"threadId\":\"" + threadId + "\"")
                            + ",\"includeQuote\":false,\"body\":\"" + body + "\"}")), owner.token()));
            assertEquals(200, sent.status(), sent.body());
            threadId = sent.string("threadId");
        }

        Reply first = server.get("/v1/threads/" + threadId + "/messages", owner.token());
        Reply meanwhile = server.get("/v1/inboxes", neighbour.token());
        Reply last = server.get("/v1/threads/" + threadId + "/messages?offset=100", owner.token());
        Reply small = server.get("/v1/threads/" + threadId + "/messages?limit=2&offset=3", owner.token());

        assertEquals(200, first.status(), first.body());
        assertEquals(200, meanwhile.status(), meanwhile.body());
        assertEquals(100, first.data().size());
        assertEquals(messages, first.total());
        assertEquals(100, ((Number) first.at("nextOffset")).intValue());
        long chars = 0;
        for (int i = 0; i < 100; i++) {
            Map<String, Object> message = first.data().get(i);
            String text = (String) message.get("bodyText");
            chars += text.length() + ((String) message.get("bodyHtml")).length();
            assertEquals(true, message.get("bodyTruncated"), "20,000 characters do not fit a share of the budget");
            assertTrue(body(i).startsWith(text) && text.length() > 1_000, "a cut body is the start of the body");
        }
        assertTrue(chars <= BODY_BUDGET, chars + " characters of bodies in one answer");

        assertEquals(5, last.data().size());
        assertEquals(messages, last.total());
        assertEquals(null, last.at("nextOffset"), "the last page says there is no next one");
        for (int i = 0; i < 5; i++) {
            assertEquals(false, last.data().get(i).get("bodyTruncated"), "5 bodies fit the budget whole");
            assertEquals(body(100 + i), ((String) last.data().get(i).get("bodyText")).strip());
        }
        Reply listed = server.get("/v1/inboxes/" + agent + "/messages?limit=100", owner.token());
        assertEquals(100, listed.data().size(), "an inbox's list keeps its page size and cuts the bodies instead");
        assertTrue(listed.data().stream().allMatch(message -> Boolean.TRUE.equals(message.get("bodyTruncated"))));
        assertTrue(listed.data().stream().mapToLong(message -> ((String) message.get("bodyText")).length()).sum()
                <= BODY_BUDGET);
        assertEquals(2, small.data().size());
        assertEquals(body(3), ((String) small.data().get(0).get("bodyText")).strip());
        assertEquals(5, ((Number) small.at("nextOffset")).intValue());

        String cutId = (String) first.data().get(0).get("id");
        byte[] raw = server.bytes("/v1/messages/" + cutId + "/raw", owner.token()).body();
        assertTrue(raw.length > BODY_CHARS, "the raw message has the whole body: " + raw.length + " bytes");
        assertEquals(400, server.get("/v1/threads/" + threadId + "/messages?limit=x", owner.token()).status());
    }

    /** The body of the {@code i}th message: a number, then letters, 20,000 characters in all. */
    private static String body(int i) {
        String head = "message " + i + " ";
        return head + "abcdefghij".repeat(BODY_CHARS / 10).substring(head.length());
    }

    /** A plain socket SMTP client that writes a generated message straight to the connection. */
    private static final class Smtp implements AutoCloseable {
        private final Socket socket = new Socket();
        private final InputStream in;
        private final OutputStream out;

        Smtp(int port) throws IOException {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            assertTrue(reply().startsWith("220"));
            command("EHLO client.test");
        }

        /** Sends a multipart message of {@code parts} tiny parts; the reply to its end, or the first refusal. */
        String sendParts(String from, String to, int parts) throws IOException {
            for (String line : new String[] {"MAIL FROM:<" + from + ">", "RCPT TO:<" + to + ">", "DATA"}) {
                String reply = command(line);
                if (!reply.startsWith(line.equals("DATA") ? "354" : "250")) {
                    return reply;
                }
            }
            write("From: " + from + "\r\nTo: " + to + "\r\nSubject: parts\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/mixed; boundary=b\r\n\r\n");
            byte[] part = "--b\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < parts; i++) {
                out.write(part);
            }
            write("--b--\r\n.\r\n");
            out.flush();
            return reply();
        }

        /** Sends a message whose lines start with no dot; the reply to its end, or the first refusal. */
        String sendRaw(String from, String to, String message) throws IOException {
            for (String line : new String[] {"MAIL FROM:<" + from + ">", "RCPT TO:<" + to + ">", "DATA"}) {
                String reply = command(line);
                if (!reply.startsWith(line.equals("DATA") ? "354" : "250")) {
                    return reply;
                }
            }
            write(message + ".\r\n");
            out.flush();
            return reply();
        }

        String command(String line) throws IOException {
            write(line + "\r\n");
            out.flush();
            return reply();
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }

        /** The last line of the next reply. */
        private String reply() throws IOException {
            while (true) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) != '\n') {
                    if (b == -1) {
                        throw new IOException("connection closed after " + line);
                    }
                    line.write(b);
                }
                String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
                if (text.length() < 4 || text.charAt(3) != '-') {
                    return text;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
