package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.Eventually;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.ServerProcess;
import dev.openmail.bootstrap.support.WebhookReceiver;
import dev.openmail.bootstrap.support.WebhookReceiver.Received;
import dev.openmail.domain.apikey.ApiToken;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server is killed (SIGKILL) while it is posting webhooks, some of them waiting on the endpoint's answer. After a
 * restart on the same data, every event has been posted at least once, and those in flight at the kill are posted
 * again: a delivery is finished only when its answer is stored.
 */
class WebhookCrashSystemTest {

    private static final int MESSAGES = 20;
    private static final int ANSWERED_AT_ONCE = 5;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String token = ApiToken.generate().reveal();

    @TempDir
    Path workDir;

    @Test
    void everyEventIsPostedAtLeastOnceAcrossAKill() throws Exception {
        int httpPort = RunningServer.freePort();
        int smtpPort = RunningServer.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("MICRONAUT_SERVER_PORT", String.valueOf(httpPort));
        env.put("OPENMAIL_SMTP_PORT", String.valueOf(smtpPort));
        env.put("OPENMAIL_BOOTSTRAP_API_KEY", token);
        env.put("OPENMAIL_DEFAULT_DOMAIN", RunningServer.DEFAULT_DOMAIN);
        env.put("OPENMAIL_WEBHOOK_ALLOW_PRIVATE_TARGETS", "true");
        env.put("OPENMAIL_WEBHOOKS_POLL_INTERVAL", "50ms");
        // A delivery claimed by the killed server is taken over by the restarted one after this.
        env.put("OPENMAIL_WEBHOOKS_LEASE", "2s");
        CountDownLatch killed = new CountDownLatch(1);
        AtomicInteger answered = new AtomicInteger();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // The first answers come at once; the rest hang until the server is dead, so the kill finds them in flight.
            receiver.answer(request -> {
                if (answered.incrementAndGet() > ANSWERED_AT_ONCE) {
                    await(killed);
                }
                return 200;
            });
            String inboxId;
            int beforeKill;
            ServerProcess first = ServerProcess.start(workDir, env);
            try {
                Map<String, Object> inbox = json(post(httpPort, "/v1/inboxes",
                        "{\"webhookUrl\":\"" + receiver.url("/hook") + "\"}"));
                inboxId = (String) inbox.get("id");
                sendMail(smtpPort, (String) inbox.get("address"));
                assertTrue(Eventually.holds(() -> receiver.received().size() >= ANSWERED_AT_ONCE + 2, WAIT),
                        "deliveries were in flight: " + receiver.received().size());
                beforeKill = receiver.received().size();
            } finally {
                first.kill();
            }
            receiver.answer(request -> 200);
            killed.countDown();
            List<String> inFlight = receiver.received().subList(ANSWERED_AT_ONCE, beforeKill).stream()
                    .map(WebhookCrashSystemTest::messageId).toList();

            try (ServerProcess second = ServerProcess.start(workDir, env)) {
                Set<String> messages = messageIds(httpPort, inboxId);
                assertEquals(MESSAGES, messages.size());
                assertTrue(Eventually.holds(() -> postedMessages(receiver.received()).containsAll(messages), WAIT),
                        () -> "never posted: " + messages.stream()
                                .filter(id -> !postedMessages(receiver.received()).contains(id)).toList());
                Set<String> postedAfterKill = postedMessages(receiver.received().subList(beforeKill,
                        receiver.received().size()));
                assertTrue(postedAfterKill.containsAll(inFlight),
                        "the deliveries in flight at the kill were posted again: " + inFlight);
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String messageId(Received request) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> message = (Map<String, Object>) JSON.readValue(request.bodyText(),
                    Argument.mapOf(String.class, Object.class)).get("message");
            return (String) message.get("id");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> postedMessages(List<Received> requests) {
        return requests.stream().map(WebhookCrashSystemTest::messageId).collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    private Set<String> messageIds(int port, String inboxId) throws Exception {
        Map<String, Object> page = json(get(port, "/v1/inboxes/" + inboxId + "/messages?limit=100"));
        return ((List<Map<String, Object>>) page.get("data")).stream().map(message -> (String) message.get("id"))
                .collect(Collectors.toSet());
    }

    private static void sendMail(int smtpPort, String address) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(smtpPort));
        properties.put("mail.smtp.timeout", "20000");
        Session session = Session.getInstance(properties);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 0; i < MESSAGES; i++) {
                MimeMessage mail = new MimeMessage(session);
                mail.setFrom(new InternetAddress("stream@example.org"));
                mail.setRecipients(RecipientType.TO, address);
                mail.setSubject("event " + i);
                mail.setText("body " + i, "UTF-8");
                mail.saveChanges();
                transport.sendMessage(mail, mail.getAllRecipients());
            }
        }
    }

    private HttpResponse<String> post(int port, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> json(HttpResponse<String> response) throws IOException {
        assertTrue(response.statusCode() < 300, response.statusCode() + " " + response.body());
        return JSON.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }
}
