package dev.openmail.bootstrap.system;

import com.sun.net.httpserver.HttpServer;
import dev.openmail.adapters.dns.testing.InProcessDnsServer;
import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.Eventually;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import dev.openmail.bootstrap.support.WebhookReceiver;
import dev.openmail.bootstrap.support.WsClient;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trust verdicts end to end, on a server of its own (in-memory database, a DNS server of its own, private webhook
 * targets allowed, a fake rspamd): mail sent over SMTP by a real client carries its authentication and spam verdicts
 * in the API, the webhook body and the WebSocket frame; mail from outside that claims a sender on one of the
 * installation's domains without passing DMARC is flagged, or dropped for an account that asks so.
 */
class TrustSystemTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final String LOCAL = RunningServer.DEFAULT_DOMAIN;
    private static final String SCANNED = "{\"is_skipped\":false,\"score\":3.5,\"required_score\":15,"
            + "\"action\":\"no action\",\"symbols\":{\"MISSING_MID\":{\"name\":\"MISSING_MID\",\"score\":2.5},"
            + "\"R_SPF_ALLOW\":{\"name\":\"R_SPF_ALLOW\",\"score\":-0.2}},\"messages\":{}}";

    private static InProcessDnsServer dns;
    private static HttpServer rspamd;
    private static volatile String rspamdMode = "answer";
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static WebhookReceiver receiver;
    private static RunningServer server;

    private Account account;

    @BeforeAll
    static void start() throws IOException {
        dns = InProcessDnsServer.start();
        // genuine mail of the installation's own domain comes from 127.0.0.1 and passes DMARC through SPF
        dns.addTxt(LOCAL, "v=spf1 ip4:127.0.0.0/8 ip6:::1 -all");
        dns.addTxt("_dmarc." + LOCAL, "v=DMARC1; p=reject");
        rspamd = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        rspamd.setExecutor(Executors.newCachedThreadPool());
        rspamd.createContext("/checkv2", exchange -> {
            exchange.getRequestBody().readAllBytes();
            switch (rspamdMode) {
                case "hang" -> {
                    try {
                        RELEASE.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                case "garbage" -> answer(exchange, "<html>rspamd is having a bad day</html>");
                default -> answer(exchange, SCANNED);
            }
            exchange.close();
        });
        rspamd.start();
        receiver = new WebhookReceiver();
        server = RunningServer.start(TestDatabase.h2(), Map.of("openmail.admin-token", RunningServer.ADMIN_TOKEN,
                "openmail.dns-server", dns.address(), "openmail.webhooks.allow-private-targets", true,
                "openmail.webhooks.poll-interval", "50ms",
                "openmail.rspamd.url", "http://127.0.0.1:" + rspamd.getAddress().getPort(),
                "openmail.rspamd.timeout", "1s"));
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        server.close();
        receiver.close();
        rspamd.stop(0);
        dns.close();
    }

    @BeforeEach
    void openAnAccount() {
        rspamdMode = "answer";
        account = server.openAccount();
    }

    @Test
    void theWebhookBodyAndTheWebSocketFrameCarryTheVerdictsOfMailReceivedOverSmtp() throws Exception {
        String sender = "ann@" + freshDomain("ext");
        dns.addTxt(domainOf(sender), "v=spf1 ip4:127.0.0.0/8 ip6:::1 -all");
        dns.addTxt("_dmarc." + domainOf(sender), "v=DMARC1; p=none");
        Reply hooked = inbox(account, "{\"webhookUrl\":\"" + receiver.url("/trust") + "\"}");
        Reply heard = inbox(account, "{}");
        Map<String, Object> expectedAuthentication = Map.of("spf", "pass", "dkim", "none", "dmarc", "pass",
                "spoofedLocalSender", false);
        Map<String, Object> expectedSpam = Map.of("status", "scanned", "score", 3.5, "action", "no action",
                "symbols", List.of("MISSING_MID", "R_SPF_ALLOW"));

        send(sender, sender, "To the webhook", hooked.string("address"));

        assertTrue(Eventually.holds(() -> receiver.receivedAt("/trust").size() == 1, WAIT), "the webhook was posted");
        Map<String, Object> posted = object(json(receiver.receivedAt("/trust").get(0).bodyText()), "message");
        assertEquals(expectedAuthentication, posted.get("authentication"));
        assertEquals(expectedSpam, posted.get("spam"));
        Map<String, Object> view = onlyMessage(account, hooked);
        assertEquals(expectedAuthentication, view.get("authentication"), "the same object as the message view's");
        assertEquals(expectedSpam, view.get("spam"));

        try (WsClient socket = WsClient.bearer(server.uri("/").getPort(), account.token())) {
            assertEquals("subscribed", socket.ask("{\"type\":\"subscribe\",\"inbox_ids\":[\""
                    + heard.string("id") + "\"]}").get("type"));
            send(sender, sender, "To the socket", heard.string("address"));
            Map<String, Object> frame = socket.next();
            assertEquals("message.received", frame.get("event"));
            Map<String, Object> message = object(frame, "message");
            assertEquals(expectedAuthentication, message.get("authentication"));
            assertEquals(expectedSpam, message.get("spam"));
        }
    }

    @Test
    void mailFromOutsideSpoofingTheInstallationsDomainOrAVerifiedCustomDomainIsFlagged() throws Exception {
        Reply inbox = inbox(account, "{}");
        Account other = server.openAccount();
        String custom = verifiedDomain(other);
        String stranger = "bounce@" + freshDomain("stranger");

        send("ceo@" + LOCAL, stranger, "spoofing the installation", inbox.string("address"));
        send("boss@" + custom, stranger, "spoofing a custom domain", inbox.string("address"));
        send("ann@" + LOCAL, "ann@" + LOCAL, "genuinely local", inbox.string("address"));
        send(stranger, stranger, "plain outside mail", inbox.string("address"));

        Map<String, Map<String, Object>> bySubject = bySubject(account, inbox);
        assertEquals(Map.of("spf", "none", "dkim", "none", "dmarc", "fail", "spoofedLocalSender", true),
                bySubject.get("spoofing the installation").get("authentication"));
        assertEquals(true, authentication(bySubject.get("spoofing a custom domain")).get("spoofedLocalSender"));
        assertEquals(Map.of("spf", "pass", "dkim", "none", "dmarc", "pass", "spoofedLocalSender", false),
                bySubject.get("genuinely local").get("authentication"));
        Map<String, Object> plain = authentication(bySubject.get("plain outside mail"));
        assertEquals(false, plain.get("spoofedLocalSender"), "unauthenticated, but claims no local sender");
        assertEquals("none", plain.get("dmarc"));
    }

    @Test
    void anAccountThatDropsSpoofedLocalMailGetsNoneOfItWhileAnotherAccountGetsItFlagged() throws Exception {
        Account dropping = server.openAccount();
        Reply patched = server.patch("/admin/v1/accounts/" + dropping.id(), RunningServer.ADMIN_TOKEN,
                "{\"dropSpoofedLocalMail\":true}");
        assertEquals(200, patched.status(), patched.body());
        assertEquals(true, patched.object().get("dropSpoofedLocalMail"));
        assertEquals(400, server.patch("/admin/v1/accounts/" + dropping.id(), RunningServer.ADMIN_TOKEN,
                "{\"dropSpoofedLocalMail\":\"yes\"}").status());
        Reply droppingInbox = inbox(dropping, "{}");
        Reply keepingInbox = inbox(account, "{}");

        // one SMTP transaction to both; the client sees it accepted (Transport.send throws otherwise)
        send("ceo@" + LOCAL, "bounce@" + freshDomain("stranger"), "spoofed to two accounts",
                droppingInbox.string("address"), keepingInbox.string("address"));
        send("ann@" + LOCAL, "ann@" + LOCAL, "genuine to the dropping account", droppingInbox.string("address"));

        assertEquals(true, authentication(onlyMessage(account, keepingInbox)).get("spoofedLocalSender"));
        Map<String, Object> kept = onlyMessage(dropping, droppingInbox);
        assertEquals("genuine to the dropping account", kept.get("subject"), "only genuine mail reached it");
        assertEquals(1, server.queryForLong("SELECT COUNT(*) FROM events WHERE account_id = ?", dropping.id()),
                "no event for the dropped copy");
        assertEquals(0, server.queryForLong("SELECT COUNT(*) FROM messages WHERE account_id = ? AND subject = ?",
                dropping.id(), "spoofed to two accounts"));
    }

    @Test
    void mailSentFromOneInboxHereToAnotherIsNeverFlagged() {
        Reply from = inbox(account, "{}");
        Account other = server.openAccount();
        server.patch("/admin/v1/accounts/" + other.id(), RunningServer.ADMIN_TOKEN, "{\"dropSpoofedLocalMail\":true}");
        Reply to = inbox(other, "{}");

        Reply sent = server.send(RunningServer.authorized(HttpRequest.newBuilder(server.uri("/v1/inboxes/"
                        + from.string("id") + "/send")), account.token())
                .header("Content-Type", "application/json").header("Idempotency-Key", "trust-" + System.nanoTime())
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"" + to.string("address")
                        + "\",\"subject\":\"internal\",\"body\":\"hello\"}")));

        assertEquals(200, sent.status(), sent.body());
        Map<String, Object> filed = onlyMessage(other, to);
        assertEquals("internal", filed.get("subject"));
        assertNull(filed.get("authentication"), "filed internally: no client, no verdicts, never spoofed");
        assertNull(filed.get("spam"), "filed internally: not scanned");
    }

    @Test
    void aScannerThatNeverAnswersOrAnswersGarbageLeavesTheMessageAcceptedAndUnscanned() throws Exception {
        Reply inbox = inbox(account, "{}");
        String sender = "ann@" + freshDomain("ext");

        rspamdMode = "hang";
        long started = System.nanoTime();
        send(sender, sender, "while rspamd hangs", inbox.string("address"));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        rspamdMode = "garbage";
        send(sender, sender, "while rspamd talks nonsense", inbox.string("address"));

        assertTrue(tookMillis < 10_000, "the SMTP answer came after " + tookMillis + " ms");
        Map<String, Map<String, Object>> bySubject = bySubject(account, inbox);
        Map<?, ?> hung = (Map<?, ?>) bySubject.get("while rspamd hangs").get("spam");
        assertEquals("unscanned", hung.get("status"));
        assertEquals(Map.of("status", "unscanned", "reason", "rspamd did not answer within 1000 ms"), hung);
        Map<?, ?> garbled = (Map<?, ?>) bySubject.get("while rspamd talks nonsense").get("spam");
        assertEquals("unscanned", garbled.get("status"));
        assertTrue(((String) garbled.get("reason")).startsWith("rspamd's answer could not be read"),
                String.valueOf(garbled));
    }

    @Test
    void aScannerThatIsDownLeavesTheMessageAcceptedAndUnscanned() throws Exception {
        int nothingListens = RunningServer.freePort();
        try (RunningServer down = RunningServer.start(TestDatabase.h2(), Map.of(
                "openmail.admin-token", RunningServer.ADMIN_TOKEN, "openmail.dns-server", dns.address(),
                "openmail.rspamd.url", "http://127.0.0.1:" + nothingListens))) {
            Account owner = down.openAccount();
            Reply inbox = down.post("/v1/inboxes", owner.token(), "{}");
            assertEquals(201, inbox.status(), inbox.body());

            sendThrough(down, "ann@stranger.test", "ann@stranger.test", "while rspamd is down",
                    inbox.string("address"));

            Reply messages = down.get("/v1/inboxes/" + inbox.string("id") + "/messages", owner.token());
            assertEquals(1, messages.data().size(), messages.body());
            Map<?, ?> spam = (Map<?, ?>) messages.data().get(0).get("spam");
            assertEquals("unscanned", spam.get("status"), String.valueOf(spam));
            assertTrue(((String) spam.get("reason")).startsWith("rspamd could not be reached"), String.valueOf(spam));
        }
    }

    @Test
    void aMistypedScannerUrlOrTimeoutStopsTheStartWithAClearMessage() {
        RuntimeException url = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> RunningServer.start(TestDatabase.h2(), Map.of("openmail.rspamd.url", "127.0.0.1:11333"))
                        .close());
        assertTrue(causes(url).contains("OPENMAIL_RSPAMD_URL must be an http:// URL"), causes(url));
        RuntimeException timeout = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> RunningServer.start(TestDatabase.h2(), Map.of("openmail.rspamd.url", "http://127.0.0.1:11333",
                        "openmail.rspamd.timeout", "0s")).close());
        assertTrue(causes(timeout).contains("OPENMAIL_RSPAMD_TIMEOUT must be more than 0"), causes(timeout));
    }

    private static String causes(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    // ---- helpers

    private static String freshDomain(String label) {
        return label + "-" + Long.toString(System.nanoTime(), 36) + ".test";
    }

    private static String domainOf(String address) {
        return address.substring(address.indexOf('@') + 1);
    }

    private static String verifiedDomain(Account owner) {
        String name = freshDomain("d");
        Reply added = server.post("/v1/domains", owner.token(), "{\"domain\":\"" + name + "\"}");
        assertEquals(201, added.status(), added.body());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> records = (List<Map<String, Object>>) added.object().get("records");
        for (Map<String, Object> record : records) {
            String host = (String) record.get("name");
            String value = (String) record.get("value");
            if ("MX".equals(record.get("type"))) {
                dns.addMx(host, ((Number) record.get("priority")).intValue(), value);
            } else {
                dns.addTxtValue(host, value);
            }
        }
        Reply verified = server.post("/v1/domains/" + added.string("id") + "/verify", owner.token(), "");
        assertEquals("verified", verified.string("status"), verified.body());
        return name;
    }

    private static Reply inbox(Account owner, String body) {
        Reply inbox = server.post("/v1/inboxes", owner.token(), body);
        assertEquals(201, inbox.status(), inbox.body());
        return inbox;
    }

    private static Map<String, Object> onlyMessage(Account owner, Reply inbox) {
        Reply messages = server.get("/v1/inboxes/" + inbox.string("id") + "/messages", owner.token());
        assertEquals(200, messages.status(), messages.body());
        assertEquals(1, messages.data().size(), messages.body());
        return messages.data().get(0);
    }

    private static Map<String, Map<String, Object>> bySubject(Account owner, Reply inbox) {
        Reply messages = server.get("/v1/inboxes/" + inbox.string("id") + "/messages", owner.token());
        assertEquals(200, messages.status(), messages.body());
        Map<String, Map<String, Object>> bySubject = new java.util.HashMap<>();
        messages.data().forEach(message -> bySubject.put((String) message.get("subject"), message));
        return bySubject;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> authentication(Map<String, Object> message) {
        return (Map<String, Object>) message.get("authentication");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> json, String field) {
        return (Map<String, Object>) json.get(field);
    }

    private static Map<String, Object> json(String text) throws IOException {
        return JSON.readValue(text, Argument.mapOf(String.class, Object.class));
    }

    /** Sends over SMTP from 127.0.0.1 with {@code from} in the header and {@code envelopeSender} as MAIL FROM. */
    private static void send(String from, String envelopeSender, String subject, String... recipients)
            throws Exception {
        sendThrough(server, from, envelopeSender, subject, recipients);
    }

    private static void sendThrough(RunningServer target, String from, String envelopeSender, String subject,
                                    String... recipients) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(target.smtpPort()));
        properties.put("mail.smtp.from", envelopeSender);
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "30000");
        MimeMessage mail = new MimeMessage(Session.getInstance(properties));
        mail.setFrom(new InternetAddress(from));
        mail.setRecipients(RecipientType.TO, String.join(",", recipients));
        mail.setSubject(subject, "UTF-8");
        mail.setText("hello " + subject.toLowerCase(Locale.ROOT), "UTF-8");
        mail.saveChanges();
        Address[] envelope = new Address[recipients.length];
        for (int i = 0; i < recipients.length; i++) {
            envelope[i] = new InternetAddress(recipients[i]);
        }
        Transport.send(mail, envelope);
    }
}
