import com.sun.net.httpserver.HttpServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time from the SMTP 250 to the event, at a WebSocket client and at a webhook receiver, at fixed sending rates; and
 * events per second fanned out to 10 WebSocket connections. Run by bench/events/run.sh against a running server:
 *
 *   java EventLatency.java <http base> <smtp port> <api key> <admin token> [rates] [seconds per rate] [fan-out messages]
 *
 * Every message goes to two inboxes in one SMTP transaction: one heard by the latency WebSocket connection (so its
 * webhook is not posted), one with a webhook to this program's receiver (no WebSocket subscribes to it). Times are
 * this machine's monotonic clock, taken when the 250 after DATA is read and when the event's last byte is read.
 */
public class EventLatency {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static String base;
    static int smtpPort;

    public static void main(String[] args) throws Exception {
        base = args[0];
        smtpPort = Integer.parseInt(args[1]);
        String key = args[2];
        String adminToken = args[3];
        String[] rates = (args.length > 4 ? args[4] : "1 10 100").trim().split("\\s+");
        int seconds = args.length > 5 ? Integer.parseInt(args[5]) : 20;
        int fanOutMessages = args.length > 6 ? Integer.parseInt(args[6]) : 500;

        Map<String, Long> webhookAt = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        receiver.setExecutor(Executors.newFixedThreadPool(8));
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            long now = System.nanoTime();
            String subject = field(new String(body, StandardCharsets.UTF_8), "subject");
            if (subject != null) {
                webhookAt.putIfAbsent(subject, now);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

        String wsInbox = post("/v1/inboxes", key, "{}");
        String hookInbox = post("/v1/inboxes", key, "{\"webhookUrl\":\"" + hook + "\"}");
        String wsAddress = field(get("/v1/inboxes/" + wsInbox, key), "address");
        String hookAddress = field(get("/v1/inboxes/" + hookInbox, key), "address");

        Map<String, Long> wsAt = new ConcurrentHashMap<>();
        WebSocket latencySocket = connect(key, "{\"type\":\"subscribe\",\"inbox_ids\":[\"" + wsInbox + "\"]}",
                (subject, now) -> wsAt.putIfAbsent(subject, now));

        System.out.printf("%-8s %-10s %8s %8s %8s %8s %8s%n", "rate/s", "path", "events", "p50 ms", "p99 ms",
                "max ms", "lost");
        for (String rateText : rates) {
            int rate = Integer.parseInt(rateText);
            int count = Math.max(rate * seconds, 20);
            String prefix = "lat-" + rate + "-";
            Map<String, Long> sentAt = sendAtRate(prefix, count, rate, List.of(wsAddress, hookAddress));
            awaitAll(sentAt.keySet(), wsAt, webhookAt);
            report(rate, "websocket", sentAt, wsAt);
            report(rate, "webhook", sentAt, webhookAt);
        }
        latencySocket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();

        // Fan-out: another account, 10 connections subscribed to one inbox, messages sent as fast as 8 sessions go.
        String other = field(postRaw("/admin/v1/accounts", adminToken, "{}"), "token");
        String fanInbox = post("/v1/inboxes", other, "{}");
        String fanAddress = field(get("/v1/inboxes/" + fanInbox, other), "address");
        AtomicLong received = new AtomicLong();
        AtomicLong lastAt = new AtomicLong();
        CountDownLatch all = new CountDownLatch(10 * fanOutMessages);
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sockets.add(connect(other, "{\"type\":\"subscribe\"}", (subject, now) -> {
                received.incrementAndGet();
                lastAt.accumulateAndGet(now, Math::max);
                all.countDown();
            }));
        }
        long start = System.nanoTime();
        sendAtRate("fan-", fanOutMessages, 0, List.of(fanAddress));
        boolean complete = all.await(120, TimeUnit.SECONDS);
        double secondsTaken = (lastAt.get() - start) / 1e9;
        System.out.printf("%nfan-out: %d messages to 1 inbox, 10 WebSocket connections: %d events received%s in %.2f s"
                        + " = %.0f events/s delivered (%.0f messages/s accepted and fanned out)%n",
                fanOutMessages, received.get(), complete ? "" : " (INCOMPLETE)", secondsTaken,
                received.get() / secondsTaken, fanOutMessages / secondsTaken);
        for (WebSocket socket : sockets) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
        receiver.stop(0);
        System.exit(0);
    }

    interface OnEvent {
        void at(String subject, long nanoTime);
    }

    /** A WebSocket connection that sends {@code subscribe}, waits for {@code subscribed}, and reports each event. */
    static WebSocket connect(String key, String subscribe, OnEvent onEvent) throws Exception {
        CountDownLatch subscribed = new CountDownLatch(1);
        WebSocket socket = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + key)
                .buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/v1/ws"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            long now = System.nanoTime();
                            String message = text.toString();
                            text.setLength(0);
                            if (message.contains("\"type\":\"subscribed\"")) {
                                subscribed.countDown();
                            } else if (message.contains("\"event\":\"message.received\"")) {
                                onEvent.at(field(message, "subject"), now);
                            }
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).join();
        socket.sendText(subscribe, true).join();
        if (!subscribed.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no subscribed answer");
        }
        return socket;
    }

    /**
     * Sends {@code count} messages with subjects prefix+n, at {@code rate} per second (0: as fast as 8 sessions go),
     * over 8 SMTP sessions; answers each subject's time of the 250 after DATA.
     */
    static Map<String, Long> sendAtRate(String prefix, int count, int rate, List<String> to) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        BlockingQueue<String> subjects = new ArrayBlockingQueue<>(count + 1);
        int sessions = 8;
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            senders.add(CompletableFuture.runAsync(() -> {
                try (Smtp smtp = new Smtp(smtpPort)) {
                    while (true) {
                        String subject = subjects.poll(60, TimeUnit.SECONDS);
                        if (subject == null || subject.isEmpty()) {
                            return;
                        }
                        sentAt.put(subject, smtp.send(to, subject));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, Executors.newSingleThreadExecutor()));
        }
        if (rate == 0) {
            for (int i = 0; i < count; i++) {
                subjects.put(prefix + i);
            }
        } else {
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            CountDownLatch queued = new CountDownLatch(count);
            AtomicLong next = new AtomicLong();
            ticker.scheduleAtFixedRate(() -> {
                long n = next.getAndIncrement();
                if (n < count) {
                    subjects.add(prefix + n);
                    queued.countDown();
                }
            }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
            queued.await();
            ticker.shutdownNow();
        }
        for (int s = 0; s < sessions; s++) {
            subjects.put("");
        }
        CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).join();
        return sentAt;
    }

    static void awaitAll(java.util.Set<String> subjects, Map<String, Long> ws, Map<String, Long> webhook)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline
                && !(ws.keySet().containsAll(subjects) && webhook.keySet().containsAll(subjects))) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    static void report(int rate, String path, Map<String, Long> sentAt, Map<String, Long> receivedAt) {
        List<Double> millis = new ArrayList<>();
        int lost = 0;
        for (Map.Entry<String, Long> sent : sentAt.entrySet()) {
            Long at = receivedAt.get(sent.getKey());
            if (at == null) {
                lost++;
            } else {
                millis.add((at - sent.getValue()) / 1e6);
            }
        }
        Collections.sort(millis);
        System.out.printf("%-8d %-10s %8d %8.1f %8.1f %8.1f %8d%n", rate, path, millis.size(), percentile(millis, 50),
                percentile(millis, 99), millis.isEmpty() ? Double.NaN : millis.get(millis.size() - 1), lost);
    }

    static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** The string value of the first {@code "name":"..."} in a JSON text this program's own subjects fill. */
    static String field(String json, String name) {
        String marker = "\"" + name + "\":\"";
        int start = json.indexOf(marker);
        if (start < 0) {
            return null;
        }
        start += marker.length();
        return json.substring(start, json.indexOf('"', start));
    }

    static String post(String path, String key, String body) throws Exception {
        return field(postRaw(path, key, body), "id");
    }

    static String postRaw(String path, String key, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static String get(String path, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key)
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** One SMTP session that sends message after message. */
    static final class Smtp implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Smtp(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
            reply("220");
            command("EHLO bench.localhost", "250");
        }

        long send(List<String> to, String subject) throws IOException {
            command("MAIL FROM:<bench@example.org>", "250");
            for (String address : to) {
                command("RCPT TO:<" + address + ">", "250");
            }
            command("DATA", "354");
            out.write(("From: bench@example.org\r\nTo: " + String.join(", ", to) + "\r\nSubject: " + subject
                    + "\r\nMessage-ID: <" + subject + "@bench.example>\r\n\r\nEvent latency probe.\r\n.\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            reply("250");
            return System.nanoTime();
        }

        private void command(String line, String expected) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            reply(expected);
        }

        private void reply(String expected) throws IOException {
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new IOException("connection closed");
                }
            } while (line.length() > 3 && line.charAt(3) == '-');
            if (!line.startsWith(expected)) {
                throw new IOException("expected " + expected + ", got " + line);
            }
        }

        @Override
        public void close() throws IOException {
            command("QUIT", "221");
            socket.close();
        }
    }
}
