package dev.openmail.bootstrap.system;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.ServerProcess;
import dev.openmail.domain.apikey.ApiToken;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server process is killed (SIGKILL) while a client streams messages to it. After a restart on the same data,
 * every message that was answered 250 is readable, and no message is there half: each has its whole body.
 */
class CrashDurabilitySystemTest {

    private static final int ACKNOWLEDGED_BEFORE_KILL = 25;
    private static final String BODY_LINE = "Line of a message that must survive whole. ";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String token = ApiToken.generate().reveal();

    @TempDir
    Path workDir;

    /**
     * On the embedded file database, and on the MySQL-family test database when there is one (the H2 fallback lives
     * inside the test JVM, where another process cannot reach it).
     */
    @TestFactory
    List<DynamicTest> everyAcknowledgedMessageSurvivesAKill() {
        List<DynamicTest> runs = new ArrayList<>();
        runs.add(DynamicTest.dynamicTest("embedded H2 file", () -> survivesAKill(workDir.resolve("embedded"), Map.of())));
        TestDatabase database = TestDatabase.mysql();
        if (!database.kind().equals(TestDatabase.KIND_H2)) {
            runs.add(DynamicTest.dynamicTest(database.kind(), () -> survivesAKill(workDir.resolve("mysql"), Map.of(
                    "DATASOURCES_DEFAULT_URL", database.url(),
                    "DATASOURCES_DEFAULT_USERNAME", database.username(),
                    "DATASOURCES_DEFAULT_PASSWORD", database.password()))));
        }
        return runs;
    }

    /** Outside mail queued while the relay is down is still delivered after the server was killed and restarted. */
    @Test
    void theOutboxSurvivesAKill() throws Exception {
        Path dir = workDir.resolve("outbox");
        Files.createDirectories(dir);
        int httpPort = RunningServer.freePort();
        int relayPort = RunningServer.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("MICRONAUT_SERVER_PORT", String.valueOf(httpPort));
        env.put("OPENMAIL_SMTP_PORT", String.valueOf(RunningServer.freePort()));
        env.put("OPENMAIL_BOOTSTRAP_API_KEY", token);
        env.put("OPENMAIL_DEFAULT_DOMAIN", RunningServer.DEFAULT_DOMAIN);
        env.put("OPENMAIL_SMTP_RELAY_HOST", "127.0.0.1");
        env.put("OPENMAIL_SMTP_RELAY_PORT", String.valueOf(relayPort));
        env.put("OPENMAIL_OUTBOX_POLL_INTERVAL", "100ms");
        env.put("OPENMAIL_OUTBOX_RETRY_BASE", "100ms");
        env.put("OPENMAIL_OUTBOX_RETRY_CAP", "300ms");
        // The kill may come while an attempt holds its claim; the restarted server takes the entry over after this.
        env.put("OPENMAIL_OUTBOX_LEASE", "1s");
        env.put("OPENMAIL_OUTBOX_MAX_ATTEMPTS", "100000");

        ServerProcess first = ServerProcess.start(dir, env);
        try {
            String inboxId = (String) json(post(httpPort, "/v1/inboxes", "{}")).get("id");
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> sent = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + httpPort + "/v1/inboxes/" + inboxId + "/send"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .header("Idempotency-Key", "outbox-" + i)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"far-" + i + "@example.net\",\"subject\":\"queued "
                                + i + "\",\"body\":\"waits for the relay\"}")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals("pending", json(sent).get("status"));
            }
        } finally {
            first.kill();
        }

        GreenMail relay = new GreenMail(new ServerSetup(relayPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        relay.start();
        ServerProcess second = ServerProcess.start(dir, env);
        try {
            assertTrue(relay.waitForIncomingEmail(30_000, 3), "all three queued messages were relayed after the restart");
            Set<String> subjects = new HashSet<>();
            for (MimeMessage message : relay.getReceivedMessages()) {
                subjects.add(message.getSubject());
            }
            assertEquals(Set.of("queued 0", "queued 1", "queued 2"), subjects);
        } finally {
            second.kill();
            relay.stop();
        }
    }

    @SuppressWarnings("unchecked")
    private void survivesAKill(Path workDir, Map<String, String> databaseEnv) throws Exception {
        Files.createDirectories(workDir);
        int httpPort = RunningServer.freePort();
        int smtpPort = RunningServer.freePort();
        Map<String, String> env = new HashMap<>(databaseEnv);
        env.put("MICRONAUT_SERVER_PORT", String.valueOf(httpPort));
        env.put("OPENMAIL_SMTP_PORT", String.valueOf(smtpPort));
        env.put("OPENMAIL_BOOTSTRAP_API_KEY", token);
        env.put("OPENMAIL_DEFAULT_DOMAIN", RunningServer.DEFAULT_DOMAIN);

        ServerProcess first = ServerProcess.start(workDir, env);
        String address;
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        try {
            Map<String, Object> inbox = json(post(httpPort, "/v1/inboxes", "{}"));
            address = (String) inbox.get("address");
            CountDownLatch enough = new CountDownLatch(ACKNOWLEDGED_BEFORE_KILL);
            CompletableFuture<Void> client = CompletableFuture.runAsync(() -> stream(smtpPort, address, acknowledged, enough));
            assertTrue(enough.await(120, TimeUnit.SECONDS), "the client got " + acknowledged.size() + " answers");
            first.kill();
            client.get(60, TimeUnit.SECONDS);
        } finally {
            first.kill();
        }

        ServerProcess second = ServerProcess.start(workDir, env);
        try {
            String inboxId = (String) ((List<Map<String, Object>>) json(get(httpPort, "/v1/inboxes")).get("data")).get(0).get("id");
            List<Map<String, Object>> stored = new ArrayList<>();
            for (int offset = 0; ; offset += 100) {
                Map<String, Object> page = json(get(httpPort, "/v1/inboxes/" + inboxId + "/messages?limit=100&offset=" + offset));
                List<Map<String, Object>> data = (List<Map<String, Object>>) page.get("data");
                stored.addAll(data);
                if (data.size() < 100) {
                    break;
                }
            }
            Set<String> subjects = stored.stream().map(message -> (String) message.get("subject")).collect(Collectors.toSet());
            List<String> lost = acknowledged.stream().filter(subject -> !subjects.contains(subject)).toList();
            assertEquals(List.of(), lost, "acknowledged with 250 but gone after the kill");
            for (Map<String, Object> message : stored) {
                assertEquals(body((String) message.get("subject")), ((String) message.get("bodyText")).strip(),
                        "a stored message is whole");
            }
            assertTrue(stored.size() >= acknowledged.size());
        } finally {
            second.kill();
        }
    }

    /** Sends message after message on one connection until the server goes away; records each 250. */
    private static void stream(int smtpPort, String address, List<String> acknowledged, CountDownLatch enough) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(smtpPort));
        properties.put("mail.smtp.timeout", "20000");
        Session session = Session.getInstance(properties);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 0; ; i++) {
                String subject = "message " + i;
                MimeMessage mail = new MimeMessage(session);
                mail.setFrom(new InternetAddress("stream@example.org"));
                mail.setRecipients(RecipientType.TO, address);
                mail.setSubject(subject);
                mail.setText(body(subject), "UTF-8");
                mail.saveChanges();
                transport.sendMessage(mail, mail.getAllRecipients());
                acknowledged.add(subject);
                enough.countDown();
            }
        } catch (MessagingException | IllegalStateException killed) {
            // The server was killed mid-stream; what it acknowledged before is what counts.
        }
    }

    private static String body(String subject) {
        return (subject + ": " + BODY_LINE.repeat(200)).strip();
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
        return JsonMapper.createDefault().readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }
}
