package dev.openmail.adapters.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.openmail.domain.webhook.WebhookRequest;
import dev.openmail.domain.webhook.WebhookResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Posting to a receiver on 127.0.0.1, with private targets allowed as in development and tests. */
class HttpWebhookPosterTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Map<String, String> HEADERS = Map.of(
            "Content-Type", "application/json",
            "X-Event-Id", "evt_123",
            "X-Timestamp", "1711015500",
            "X-Signature", "sha256=abc");

    private final CountDownLatch releaseSlowHandlers = new CountDownLatch(1);
    private final List<String> resolved = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ExecutorService handlers;
    private HttpWebhookPoster poster;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.start();
        poster = new HttpWebhookPoster(true, TIMEOUT, host -> {
            resolved.add(host);
            if (host.endsWith(".invalid")) {
                throw new UnknownHostException(host);
            }
            if (host.equals("hooks.test")) {
                return new InetAddress[] {InetAddress.getLoopbackAddress()};
            }
            return InetAddress.getAllByName(host);
        });
    }

    @AfterEach
    void stop() {
        releaseSlowHandlers.countDown();
        poster.close();
        server.stop(0);
        handlers.shutdownNow();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static WebhookRequest request(String url, byte[] body) {
        return new WebhookRequest(url, HEADERS, body);
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
    }

    @Test
    void theHeadersAndTheExactBodyArrive() throws Exception {
        CompletableFuture<Received> received = new CompletableFuture<>();
        server.createContext("/hook", exchange -> {
            received.complete(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes()));
            answer(exchange, 200);
        });
        byte[] body = "{\"event\":\"message.received\",\"subject\":\"h\u00e9\"}\u0000\u00ff"
                .getBytes(StandardCharsets.UTF_8);

        WebhookResponse response = poster.post(request(url("/hook?x=1&y=%2F"), body));

        assertEquals(200, response.statusCode());
        assertTrue(response.succeeded());
        assertNull(response.error());
        Received arrived = received.get(5, TimeUnit.SECONDS);
        assertEquals("POST", arrived.method());
        assertEquals("/hook?x=1&y=%2F", arrived.path());
        assertArrayEquals(body, arrived.body());
        assertEquals(List.of("application/json"), arrived.headers().get("Content-type"));
        assertEquals(List.of("evt_123"), arrived.headers().get("X-event-id"));
        assertEquals(List.of("1711015500"), arrived.headers().get("X-timestamp"));
        assertEquals(List.of("sha256=abc"), arrived.headers().get("X-signature"));
        assertEquals(List.of(HttpWebhookPoster.USER_AGENT), arrived.headers().get("User-agent"));
        assertEquals(List.of(String.valueOf(body.length)), arrived.headers().get("Content-length"));
    }

    @Test
    void a204Succeeds() {
        server.createContext("/hook", exchange -> answer(exchange, 204));

        WebhookResponse response = poster.post(request(url("/hook"), new byte[] {1}));

        assertEquals(204, response.statusCode());
        assertTrue(response.succeeded());
        assertTrue(response.latencyMillis() >= 0 && response.latencyMillis() < TIMEOUT.toMillis());
    }

    @Test
    void aServerErrorFailsWithItsCode() {
        server.createContext("/hook", exchange -> answer(exchange, 500));

        WebhookResponse response = poster.post(request(url("/hook"), new byte[] {1}));

        assertEquals(500, response.statusCode());
        assertFalse(response.succeeded());
        assertEquals("the endpoint answered HTTP 500", response.error());
    }

    @Test
    void aRedirectIsAFailedAttemptAndIsNotFollowed() {
        AtomicInteger redirectTargetRequests = new AtomicInteger();
        server.createContext("/elsewhere", exchange -> {
            redirectTargetRequests.incrementAndGet();
            answer(exchange, 200);
        });
        server.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Location", url("/elsewhere"));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });

        WebhookResponse response = poster.post(request(url("/hook"), new byte[] {1}));

        assertEquals(302, response.statusCode());
        assertFalse(response.succeeded());
        assertEquals("the endpoint answered HTTP 302", response.error());
        assertEquals(0, redirectTargetRequests.get(), "the redirect was followed");
    }

    @Test
    void aSlowEndpointIsCutAtTheTimeout() {
        CountDownLatch arrived = new CountDownLatch(1);
        server.createContext("/hook", exchange -> {
            arrived.countDown();
            try {
                releaseSlowHandlers.await();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200);
        });

        WebhookResponse response = poster.post(request(url("/hook"), new byte[] {1}));

        assertEquals(0, arrived.getCount(), "the request never reached the endpoint");
        assertEquals(0, response.statusCode());
        assertEquals("timed out after 2 s", response.error());
        assertTrue(response.latencyMillis() >= TIMEOUT.toMillis() - 50, () -> "gave up early: " + response);
        assertTrue(response.latencyMillis() < TIMEOUT.toMillis() + 3_000, () -> "gave up late: " + response);
    }

    @Test
    void anAnswerWhoseBodyNeverEndsCountsByItsStatusAndIsCutAtTheTimeout() {
        server.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("still writing".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try {
                releaseSlowHandlers.await();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });

        long start = System.nanoTime();
        WebhookResponse response = poster.post(request(url("/hook"), new byte[] {1}));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(200, response.statusCode());
        assertTrue(response.latencyMillis() < TIMEOUT.toMillis(), response::toString);
        assertTrue(took < TIMEOUT.toMillis() + 3_000, "took " + took + " ms");
    }

    @Test
    void aHugeAnswerIsNotReadToTheEnd() throws Exception {
        long oneGigabyte = 1L << 30;
        AtomicLong written = new AtomicLong();
        CompletableFuture<Long> writerStopped = new CompletableFuture<>();
        server.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, oneGigabyte);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                while (written.get() < oneGigabyte) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException dropped) {
                // the client hung up, as it should
            } finally {
                writerStopped.complete(written.get());
            }
        });

        long start = System.nanoTime();
        WebhookResponse response = poster.post(request(url("/hook"), new byte[] {1}));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(200, response.statusCode());
        assertTrue(response.succeeded());
        assertTrue(took < TIMEOUT.toMillis(), "took " + took + " ms");
        long total = writerStopped.get(10, TimeUnit.SECONDS);
        assertTrue(total < 64L * 1024 * 1024, "the endpoint wrote " + total + " bytes before the client hung up");
    }

    @Test
    void aShortAnswerLeavesTheConnectionForTheNextPost() throws Exception {
        List<Integer> clientPorts = new CopyOnWriteArrayList<>();
        server.createContext("/hook", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            byte[] ok = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ok);
            }
        });

        assertTrue(poster.post(request(url("/hook"), new byte[] {1})).succeeded());
        assertTrue(poster.post(request(url("/hook"), new byte[] {2})).succeeded());

        assertEquals(2, clientPorts.size());
        assertEquals(clientPorts.get(0), clientPorts.get(1), "the second post opened a new connection");
    }

    @Test
    void aRefusedConnectionIsReported() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        WebhookResponse response = poster.post(request("http://127.0.0.1:" + closedPort + "/hook", new byte[] {1}));

        assertEquals(0, response.statusCode());
        assertEquals("connection refused by 127.0.0.1:" + closedPort, response.error());
    }

    @Test
    void anUnknownHostIsReported() {
        WebhookResponse response = poster.post(request("https://no-such-host.invalid/hook", new byte[] {1}));

        assertEquals(0, response.statusCode());
        assertEquals("could not resolve host no-such-host.invalid", response.error());
    }

    @Test
    void aNameIsResolvedOnceAndThatAnswerIsConnectedTo() {
        server.createContext("/hook", exchange -> answer(exchange, 200));

        WebhookResponse response = poster.post(request(
                "http://hooks.test:" + server.getAddress().getPort() + "/hook", new byte[] {1}));

        assertTrue(response.succeeded(), response::toString);
        assertEquals(List.of("hooks.test"), resolved);
    }

    @Test
    void anAddressLiteralGoesThroughTheResolverToo() {
        server.createContext("/hook", exchange -> answer(exchange, 200));

        assertTrue(poster.post(request(url("/hook"), new byte[] {1})).succeeded());

        assertEquals(List.of("127.0.0.1"), resolved);
    }

    @Test
    void invalidUrlsFailWithoutConnecting() {
        assertEquals("invalid webhook URL: only http and https URLs can receive webhooks",
                poster.post(request("ftp://127.0.0.1/x", new byte[0])).error());
        assertEquals("invalid webhook URL: only http and https URLs can receive webhooks",
                poster.post(request("file:///etc/passwd", new byte[0])).error());
        assertEquals("invalid webhook URL: a user name or password in the URL is not supported",
                poster.post(request("http://user:pw@127.0.0.1/x", new byte[0])).error());
        assertEquals("invalid webhook URL: it is not a URL", poster.post(request("http://a b/", new byte[0])).error());
        assertEquals(List.of(), resolved);
    }

    @Test
    void manyThreadsPostAtOnce() throws Exception {
        AtomicInteger arrived = new AtomicInteger();
        server.createContext("/hook", exchange -> {
            arrived.incrementAndGet();
            answer(exchange, 200);
        });
        ExecutorService workers = Executors.newFixedThreadPool(16);
        try {
            List<Future<WebhookResponse>> posts = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                byte[] body = ("{\"n\":" + i + "}").getBytes(StandardCharsets.US_ASCII);
                posts.add(workers.submit(() -> poster.post(request(url("/hook"), body))));
            }
            for (Future<WebhookResponse> post : posts) {
                WebhookResponse response = post.get(30, TimeUnit.SECONDS);
                assertTrue(response.succeeded(), response::toString);
            }
        } finally {
            workers.shutdownNow();
        }
        assertEquals(80, arrived.get());
    }
}
