package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Header injection through the API and malformed MIME through the SMTP port, against the whole running server: a
 * value with a line break is refused with an error code, or the message it goes into, as stored for the sender and
 * as delivered to an inbox of this installation, has exactly the header fields the server writes; a malformed or
 * deeply nested message is accepted or refused cleanly, and an accepted one reads back through the API byte for byte.
 */
class SmtpHardeningSystemTest {

    /** Header fields every sent message has exactly once, the only ones it has besides Cc, Reply-To and the threading. */
    private static final List<String> WRITTEN = List.of("date", "from", "to", "subject", "message-id", "mime-version",
            "content-type", "content-transfer-encoding");

    private final RunningServer server = RunningServer.shared();
    private Account sender;
    private String senderInbox;
    private String senderAddress;
    private Account recipient;
    private String recipientInbox;
    private String recipientAddress;

    @BeforeEach
    void openTwoInboxes() {
        sender = server.openAccount();
        Reply senders = server.post("/v1/inboxes", sender.token(), "{\"displayName\":\"Agent Smith\"}");
        senderInbox = senders.string("id");
        senderAddress = senders.string("address");
        recipient = server.openAccount();
        Reply inbox = server.post("/v1/inboxes", recipient.token(), "{}");
        recipientInbox = inbox.string("id");
        recipientAddress = inbox.string("address");
    }

    // ---- header injection through the API -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"\r\nBcc: victim@evil.example", "\nX-Injected: yes", "\rX-Injected: yes",
            "\r\n\r\nX-Injected: in the body", "\u0000X-Injected: yes", "\u2028Bcc: victim@evil.example",
            "\u2029X-Injected: yes", "\u0085X-Injected: yes", "\u000bX-Injected: yes",
            " =?UTF-8?Q?=0D=0ABcc:_victim@evil.example?=", " =?UTF-8?B?DQpYLUluamVjdGVkOiB5ZXM=?="})
    void aSubjectWithALineBreakIsRefusedOrAddsNoHeaderField(String injected) throws IOException {
        String subject = "Quarterly" + injected;

        Reply sent = send("{\"to\":" + json(recipientAddress) + ",\"subject\":" + json(subject) + ",\"body\":\"hi\"}");

        if (refused(sent)) {
            assertTrue(injected.contains("\r") || injected.contains("\n") || injected.contains("\u0000"), sent.body());
            return;
        }
        assertEquals("sent", sent.string("status"), sent.body());
        for (byte[] raw : storedCopies(sent)) {
            assertOnlyTheWrittenHeaderFields(raw);
        }
        Map<String, Object> delivered = server.get("/v1/inboxes/" + recipientInbox + "/messages", recipient.token())
                .data().get(0);
        assertEquals(subject, delivered.get("subject"), "the subject arrives as it was sent, as one line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"to", "cc", "replyTo"})
    void anAddressWithALineBreakIsRefused(String field) {
        for (String injected : List.of("\r\nBcc: victim@evil.example", "\nX-Injected: yes", "\u0000", "\u2028x",
                ">\r\nBcc: <victim@evil.example")) {
            String address = "someone@example.org" + injected;
            String value = field.equals("cc") || field.equals("bcc") ? "[" + json(address) + "]" : json(address);
            String to = field.equals("to") ? "" : "\"to\":" + json(recipientAddress) + ",";

            Reply sent = send("{" + to + "\"" + field + "\":" + value + ",\"subject\":\"hi\",\"body\":\"hi\"}");

            assertTrue(refused(sent), field + " " + json(address) + " -> " + sent);
        }
        assertEquals(0, server.get("/v1/inboxes/" + recipientInbox + "/messages", recipient.token()).total(),
                "nothing was delivered");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Eve\r\nBcc: victim@evil.example", "Eve\nX-Injected: yes", "Eve\u0000", "Eve\rX-Injected: yes",
            "Eve\u2028Bcc: victim@evil.example", "Eve\u0085X-Injected: yes", "Eve =?UTF-8?Q?=0D=0AX-Injected:_yes?=",
            "\"Eve\" <eve@evil.example>, Bcc: victim@evil.example"})
    void aDisplayNameWithALineBreakIsRefusedOrAddsNoHeaderField(String displayName) throws IOException {
        Reply patched = server.patch("/v1/inboxes/" + senderInbox, sender.token(),
                "{\"displayName\":" + json(displayName) + "}");

        if (refused(patched)) {
            assertTrue(displayName.contains("\r") || displayName.contains("\n") || displayName.contains("\u0000"),
                    patched.body());
            return;
        }
        assertEquals(200, patched.status(), patched.body());
        Reply sent = send("{\"to\":" + json(recipientAddress) + ",\"subject\":\"From a name\",\"body\":\"hi\"}");
        assertEquals("sent", sent.string("status"), sent.body());
        for (byte[] raw : storedCopies(sent)) {
            assertOnlyTheWrittenHeaderFields(raw);
            assertEquals(displayName, dom(raw).getFrom().get(0).getName(), "the name arrives as it was set");
        }
    }

    /**
     * The send body is open, as in the OpenMail description, so an unknown field is taken and ignored; a bcc, with or
     * without a line break in it, is neither a recipient nor a header field.
     */
    @ParameterizedTest
    @ValueSource(strings = {"victim@evil.example", "someone@example.org\r\nBcc: victim@evil.example"})
    void aBccFieldIsNoPartOfTheApiAndReachesNobody(String bcc) {
        Reply sent = send("{\"to\":" + json(recipientAddress) + ",\"bcc\":[" + json(bcc) + "],\"subject\":\"hi\","
                + "\"body\":\"hi\"}");

        assertEquals(200, sent.status(), sent.toString());
        assertEquals("sent", sent.string("status"), "only an inbox of this server was a recipient; nothing waits for the relay");
        byte[] raw = server.bytes("/v1/messages/" + sent.string("messageId") + "/raw", sender.token()).body();
        assertFalse(new String(raw, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).contains("victim"));
        assertFalse(new String(raw, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).contains("bcc"));
    }

    // ---- malformed MIME through the SMTP port ------------------------------------------------------------------------

    static Stream<Arguments> malformedMessages() {
        byte[] binary = new byte[3000];
        new Random(5).nextBytes(binary);
        String base64 = Base64.getMimeEncoder().encodeToString(binary);
        return Stream.of(
                Arguments.of("nested 60 deep", ascii(header("deep") + nested(60, "Content-Type: text/plain\r\n\r\nleaf"))),
                Arguments.of("nested 2000 deep", ascii(header("deeper") + nested(2000, "Content-Type: text/plain\r\n\r\nx"))),
                Arguments.of("boundary never closed, cut inside base64", ascii(header("cut")
                        + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\ntext\r\n"
                        + "--b\r\nContent-Type: application/pdf; name=cut.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                        + base64.substring(0, 1001))),
                Arguments.of("declared boundary never used", ascii(header("no boundary")
                        + "Content-Type: multipart/mixed; boundary=declared\r\n\r\n--other\r\n\r\nhello\r\n--other--\r\n")),
                Arguments.of("bad base64, bad quoted-printable, unknown charset and encoding", ascii(header("bad")
                        + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                        + "Content-Type: text/plain; charset=x-klingon\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                        + "broken =ZZ escape=\r\n--b\r\nContent-Type: application/octet-stream; name=\"a.bin\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n!!!not*base64@@@\r\n--b\r\n"
                        + "Content-Type: text/html; charset=\"?!\"\r\nContent-Transfer-Encoding: x-unknown\r\n\r\n<p>x</p>\r\n"
                        + "--b--\r\n")),
                Arguments.of("garbage header lines, NUL and 8-bit bytes", latin1("From: \u00ff\u00fe <a\u0000b@example.org>\r\n"
                        + "no colon on this line\r\n: no name\r\nX-\u00e9t\u00e9: \u0001\u0002\r\nSubject: caf\u00e9\r\n\r\n"
                        + "body \u0000 with NUL\r\n.a line that starts with a dot\r\n..and one with two\r\n")),
                Arguments.of("bare LF line ends and a 60000-byte line", ascii("Subject: lf\nContent-Type: text/plain\n\n"
                        + "line one\nline two\r\n" + "w".repeat(60_000) + "\nend")),
                Arguments.of("3000 header fields", ascii("X-Many: 1\r\n".repeat(3000) + header("many") + "\r\nbody")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedMessages")
    void aMalformedMessageIsAcceptedAndReadableByteForByteOrRefusedCleanly(String name, byte[] message) throws IOException {
        String reply;
        try (Smtp smtp = new Smtp(server.smtpPort())) {
            reply = smtp.send("sender@remote.example", recipientAddress, message);
            assertTrue(reply.matches("[245][0-9]{2}[ -].*"), reply);
            assertEquals(221, smtp.command("QUIT"), "the session goes on after the message");
        }

        Reply messages = server.get("/v1/inboxes/" + recipientInbox + "/messages", recipient.token());
        assertEquals(200, messages.status(), messages.body());
        if (!reply.startsWith("250")) {
            assertEquals(0, messages.total(), "a refused message is not stored: " + reply);
            return;
        }
        assertEquals(1, messages.total(), messages.body());
        HttpResponse<byte[]> raw = server.bytes("/v1/messages/" + messages.data().get(0).get("id") + "/raw",
                recipient.token());
        assertEquals(200, raw.statusCode());
        byte[] sentBytes = withFinalCrLf(message);
        byte[] kept = java.util.Arrays.copyOfRange(raw.body(), Math.max(0, raw.body().length - sentBytes.length),
                raw.body().length);
        assertArrayEquals(sentBytes, kept, "the raw message is kept exactly as it was sent, after the trace headers");
        assertTrue(new String(raw.body(), StandardCharsets.ISO_8859_1).startsWith("Received: from "));
    }

    // ---- control characters from received mail ----------------------------------------------------------------

    /**
     * RFC 5322 allows no NUL in a header. A reply to a message its inbox was copied on copies that message's sender and
     * refers to its Message-ID: neither may carry a NUL from the received header into the reply's header or into the
     * relay's envelope. The parser takes neither as an address or an id, so the envelope sender stands in.
     */
    @Test
    void aNulInAReceivedSenderOrMessageIdReachesNeitherTheMessageNorAReplyToIt() throws IOException {
        String third = server.post("/v1/inboxes", recipient.token(), "{}").string("address");
        byte[] copied = latin1("From: a\u0000b@example.org\r\nTo: " + third + "\r\nCc: " + recipientAddress
                + "\r\nMessage-ID: <c\u0000d@example.org>\r\nSubject: copied\r\n\r\nhello\r\n");
        try (Smtp smtp = new Smtp(server.smtpPort())) {
            String reply = smtp.send(senderAddress, recipientAddress, copied);
            assertTrue(reply.startsWith("250"), reply);
        }
        Map<String, Object> received = server.get("/v1/inboxes/" + recipientInbox + "/messages", recipient.token())
                .data().get(0);
        assertEquals("cc", received.get("deliveryRole"));
        assertEquals(senderAddress, received.get("fromAddr"), "the envelope's sender, since the header's holds a NUL");
        assertFalse(received.toString().contains("\u0000"), received.toString());

        Reply answer = sendFrom(recipientInbox, recipient.token(), "{\"to\":" + json(third) + ",\"threadId\":"
                + json((String) received.get("threadId")) + ",\"body\":\"answer\"}");

        assertEquals(200, answer.status(), answer.body());
        assertEquals("sent", answer.string("status"), "every recipient is an inbox here, so nothing goes to the relay");
        List<Map<String, Object>> copies = server.get("/v1/inboxes/" + senderInbox + "/messages", sender.token()).data();
        assertEquals(1, copies.size(), "the copied sender gets the reply");
        for (byte[] raw : List.of(rawOf(answer.string("messageId"), recipient.token()),
                rawOf((String) copies.get(0).get("id"), sender.token()))) {
            String header = new String(raw, StandardCharsets.UTF_8).split("\r\n\r\n", 2)[0];
            assertFalse(header.replace("\r\n", "").chars().anyMatch(Character::isISOControl), header);
            assertTrue(header.contains("\r\nCc: " + senderAddress + "\r\n"), header);
            assertFalse(header.contains("In-Reply-To") || header.contains("References"), header);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private Reply send(String body) {
        return sendFrom(senderInbox, sender.token(), body);
    }

    private Reply sendFrom(String inbox, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/v1/inboxes/" + inbox + "/send"))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString());
        return server.send(RunningServer.authorized(request, token));
    }

    /** A 4xx with an error code and a message, and nothing delivered. */
    private boolean refused(Reply reply) {
        if (reply.status() < 400) {
            return false;
        }
        assertTrue(reply.status() < 500, reply.toString());
        assertTrue(reply.error().matches("[a-z_]+"), reply.body());
        assertFalse(reply.string("message").isBlank(), reply.body());
        assertEquals(0, server.get("/v1/inboxes/" + recipientInbox + "/messages", recipient.token()).total(),
                "a refused send delivers nothing");
        return true;
    }

    /** The message as kept for the sender and as delivered to the recipient's inbox. */
    private List<byte[]> storedCopies(Reply sent) {
        List<byte[]> copies = new ArrayList<>();
        copies.add(rawOf(sent.string("messageId"), sender.token()));
        Reply delivered = server.get("/v1/inboxes/" + recipientInbox + "/messages", recipient.token());
        assertEquals(1, delivered.total(), delivered.body());
        copies.add(rawOf((String) delivered.data().get(0).get("id"), recipient.token()));
        return copies;
    }

    private byte[] rawOf(String messageId, String token) {
        HttpResponse<byte[]> raw = server.bytes("/v1/messages/" + messageId + "/raw", token);
        assertEquals(200, raw.statusCode());
        return raw.body();
    }

    private static void assertOnlyTheWrittenHeaderFields(byte[] raw) {
        String message = new String(raw, StandardCharsets.ISO_8859_1);
        int end = message.indexOf("\r\n\r\n");
        assertTrue(end > 0, "the header ends with an empty line");
        String header = message.substring(0, end);
        List<String> names = new ArrayList<>();
        for (String line : header.split("\r\n")) {
            assertFalse(line.contains("\r") || line.contains("\n"), () -> "a bare CR or LF in the header: " + line);
            if (line.startsWith(" ") || line.startsWith("\t")) {
                continue; // a folded continuation
            }
            int colon = line.indexOf(':');
            assertTrue(colon > 0, () -> "not a header field: " + line);
            names.add(line.substring(0, colon).toLowerCase(Locale.ROOT));
        }
        assertEquals(WRITTEN, names.stream().filter(WRITTEN::contains).toList(), "each once, in order: " + names);
        assertTrue(WRITTEN.containsAll(names), "no other header field: " + names);
    }

    private static Message dom(byte[] raw) throws IOException {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        return builder.parseMessage(new ByteArrayInputStream(raw));
    }

    /** A JSON string literal; control and separator characters as \\u escapes. */
    private static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x85 || c == 0x2028 || c == 0x2029) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String header(String subject) {
        return "From: Sender <sender@remote.example>\r\nSubject: " + subject + "\r\nMIME-Version: 1.0\r\n";
    }

    /** {@code levels} multiparts, each the only part of the one above, around {@code leaf}. */
    private static String nested(int levels, String leaf) {
        StringBuilder opening = new StringBuilder();
        StringBuilder closing = new StringBuilder();
        for (int level = 1; level <= levels; level++) {
            String boundary = "b" + level + "x";
            opening.append("Content-Type: multipart/mixed; boundary=").append(boundary).append("\r\n\r\n")
                    .append("--").append(boundary).append("\r\n");
            closing.insert(0, "\r\n--" + boundary + "--");
        }
        return opening + leaf + closing + "\r\n";
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] withFinalCrLf(byte[] message) {
        int n = message.length;
        if (n >= 2 && message[n - 2] == '\r' && message[n - 1] == '\n') {
            return message;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 2);
        out.writeBytes(message);
        out.writeBytes(new byte[] {'\r', '\n'});
        return out.toByteArray();
    }

    /** A plain socket SMTP client that sends the message's bytes as they are, dot-stuffed. */
    private static final class Smtp implements AutoCloseable {
        private final Socket socket = new Socket();
        private final InputStream in;
        private final OutputStream out;

        Smtp(int port) throws IOException {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            assertTrue(reply().startsWith("220"));
            assertEquals(250, command("EHLO client.test"));
        }

        /** The last reply line to the end of the message, or the first refusal before it. */
        String send(String from, String to, byte[] message) throws IOException {
            for (String line : List.of("MAIL FROM:<" + from + ">", "RCPT TO:<" + to + ">", "DATA")) {
                write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
                String reply = reply();
                if (!reply.startsWith(line.equals("DATA") ? "354" : "250")) {
                    return reply;
                }
            }
            ByteArrayOutputStream data = new ByteArrayOutputStream(message.length + 16);
            byte[] whole = withFinalCrLf(message);
            for (int i = 0; i < whole.length; i++) {
                boolean lineStart = i == 0 || (i >= 2 && whole[i - 2] == '\r' && whole[i - 1] == '\n');
                if (lineStart && whole[i] == '.') {
                    data.write('.');
                }
                data.write(whole[i]);
            }
            data.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
            write(data.toByteArray());
            return reply();
        }

        int command(String line) throws IOException {
            write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            return Integer.parseInt(reply().substring(0, 3));
        }

        private void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
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
