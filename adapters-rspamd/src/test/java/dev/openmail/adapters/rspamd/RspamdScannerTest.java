package dev.openmail.adapters.rspamd;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.openmail.domain.mail.SpamVerdict;
import dev.openmail.domain.port.out.ScanMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scanner against a fake rspamd: a local HTTP server that answers as told, or never, or is not there. */
class RspamdScannerTest {

    private static final byte[] MESSAGE = "From: a@example.org\r\nSubject: hi\r\n\r\nhello\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private HttpServer fake;
    private final AtomicReference<Answer> answer = new AtomicReference<>();
    private final List<HttpExchange> seen = new CopyOnWriteArrayList<>();
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    private interface Answer {
        void write(HttpExchange exchange) throws IOException;
    }

    @BeforeEach
    void start() throws IOException {
        fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fake.setExecutor(Executors.newCachedThreadPool());
        fake.createContext("/", exchange -> {
            seen.add(exchange);
            bodies.add(exchange.getRequestBody().readAllBytes());
            answer.get().write(exchange);
            exchange.close();
        });
        fake.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        fake.stop(0);
    }

    private RspamdScanner scanner(Duration timeout) {
        return new RspamdScanner(URI.create("http://127.0.0.1:" + fake.getAddress().getPort()), timeout);
    }

    private static ScanMail.Request request() {
        return new ScanMail.Request("203.0.113.7", "mail.example.org", "a@example.org",
                List.of("x@openmail.test", "y@openmail.test"), "q-1", MESSAGE);
    }

    private void answerJson(String json) {
        answer.set(exchange -> {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    @Test
    void anAnswerGivesScoreActionAndSymbolNamesAndTheRequestCarriesTheEnvelope() {
        answerJson("{\"is_skipped\":false,\"score\":15.5,\"required_score\":15,\"action\":\"reject\","
                + "\"symbols\":{\"GTUBE\":{\"name\":\"GTUBE\",\"score\":0,\"options\":[\"x\"]},"
                + "\"MISSING_DATE\":{\"name\":\"MISSING_DATE\",\"score\":1}},\"messages\":{\"smtp_message\":\"Gtube\"},"
                + "\"message-id\":\"abc\"}");

        SpamVerdict verdict = scanner(Duration.ofSeconds(2)).scan(request());

        assertEquals(SpamVerdict.scanned(15.5, "reject", List.of("GTUBE", "MISSING_DATE")), verdict);
        HttpExchange exchange = seen.get(0);
        assertEquals("POST", exchange.getRequestMethod());
        assertEquals("/checkv2", exchange.getRequestURI().getPath());
        assertEquals("203.0.113.7", exchange.getRequestHeaders().getFirst("IP"));
        assertEquals("mail.example.org", exchange.getRequestHeaders().getFirst("Helo"));
        assertEquals("a@example.org", exchange.getRequestHeaders().getFirst("From"));
        assertEquals(List.of("x@openmail.test", "y@openmail.test"), exchange.getRequestHeaders().get("Rcpt"));
        assertEquals("q-1", exchange.getRequestHeaders().getFirst("Queue-Id"));
        assertEquals(new String(MESSAGE, StandardCharsets.US_ASCII),
                new String(bodies.get(0), StandardCharsets.US_ASCII));
    }

    @Test
    void aScannerThatNeverAnswersGivesUnscannedWithinTheTimeout() {
        answer.set(exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long started = System.nanoTime();

        SpamVerdict verdict = scanner(Duration.ofMillis(500)).scan(request());

        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(SpamVerdict.Status.UNSCANNED, verdict.status());
        assertTrue(verdict.reason().contains("did not answer within 500 ms"), verdict.reason());
        assertTrue(tookMillis < 2_000, "gave up after " + tookMillis + " ms");
    }

    @Test
    void aScannerThatIsDownGivesUnscanned() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        SpamVerdict verdict = new RspamdScanner(URI.create("http://127.0.0.1:" + closed), Duration.ofSeconds(2))
                .scan(request());

        assertEquals(SpamVerdict.Status.UNSCANNED, verdict.status());
        assertTrue(verdict.reason().startsWith("rspamd could not be reached"), verdict.reason());
    }

    @Test
    void garbageAnErrorStatusAnIncompleteAnswerOrAHugeOneGiveUnscanned() {
        answerJson("<html>not json</html>");
        assertUnscanned("could not be read");
        answerJson("{\"score\":1.0}");
        assertUnscanned("no score or no action");
        answerJson("{\"score\":\"high\",\"action\":\"reject\"}");
        assertUnscanned("score is not a number");
        answerJson("{\"score\":1,\"action\":\"reject\"} {}");
        assertUnscanned("not one JSON object");
        answerJson("[".repeat(10_000));
        assertUnscanned("could not be read");
        answerJson("{\"score\":1,\"action\":\"reject\",\"pad\":\"" + "x".repeat(RspamdScanner.MAX_ANSWER_BYTES)
                + "\"}");
        assertUnscanned("larger than");
        answer.set(exchange -> exchange.sendResponseHeaders(500, -1));
        assertUnscanned("HTTP 500");
    }

    private void assertUnscanned(String reasonPart) {
        SpamVerdict verdict = scanner(Duration.ofSeconds(2)).scan(request());
        assertEquals(SpamVerdict.Status.UNSCANNED, verdict.status(), String.valueOf(verdict));
        assertTrue(verdict.reason().contains(reasonPart), verdict.reason());
    }

    @Test
    void anAnswerRspamdCutShortAfterAnEarlyRuleIsStillAVerdict() {
        // rspamd 3.4's own answer to the GTUBE test message
        answerJson("{\"is_skipped\":true,\"score\":15.0,\"required_score\":15.0,\"action\":\"reject\","
                + "\"symbols\":{\"GTUBE\":{\"name\":\"GTUBE\",\"score\":0.0,\"metric_score\":0.0}},"
                + "\"messages\":{\"smtp_message\":\"Gtube pattern\"},\"message-id\":\"undef\",\"time_real\":0.5132}");

        assertEquals(SpamVerdict.scanned(15.0, "reject", List.of("GTUBE")), scanner(Duration.ofSeconds(2)).scan(request()));
    }

    @Test
    void envelopeTextThatCannotBeAHeaderIsLeftOut() {
        answerJson("{\"score\":0,\"action\":\"no action\",\"symbols\":{}}");

        SpamVerdict verdict = scanner(Duration.ofSeconds(2)).scan(new ScanMail.Request("203.0.113.7",
                "evil\r\nX-Injected: 1", null, List.of("b\u00e9@openmail.test"), "q-2", MESSAGE));

        assertEquals(SpamVerdict.scanned(0, "no action", List.of()), verdict);
        assertEquals(null, seen.get(0).getRequestHeaders().getFirst("Helo"));
        assertEquals(null, seen.get(0).getRequestHeaders().getFirst("X-Injected"));
        assertEquals(null, seen.get(0).getRequestHeaders().getFirst("Rcpt"));
    }
}
