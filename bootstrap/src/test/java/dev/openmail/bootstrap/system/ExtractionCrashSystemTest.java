package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.Eventually;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.ServerProcess;
import dev.openmail.bootstrap.support.WebhookReceiver;
import dev.openmail.domain.apikey.ApiToken;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server is killed (SIGKILL) while it is reading a received message's attachment, with the extraction job claimed.
 * The next process on the same data takes the job over once its lease runs out, stores the text and records the
 * message's event, whose webhook carries the text: the work resumes, and the event is recorded once.
 */
class ExtractionCrashSystemTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String token = ApiToken.generate().reveal();

    @TempDir
    Path workDir;

    @Test
    void aJobClaimedByAKilledServerIsFinishedByTheNext() throws Exception {
        int httpPort = RunningServer.freePort();
        int smtpPort = RunningServer.freePort();
        Path marker = workDir.resolve("extraction-started");
        Map<String, String> env = new HashMap<>();
        env.put("MICRONAUT_SERVER_PORT", String.valueOf(httpPort));
        env.put("OPENMAIL_SMTP_PORT", String.valueOf(smtpPort));
        env.put("OPENMAIL_BOOTSTRAP_API_KEY", token);
        env.put("OPENMAIL_DEFAULT_DOMAIN", RunningServer.DEFAULT_DOMAIN);
        env.put("OPENMAIL_WEBHOOK_ALLOW_PRIVATE_TARGETS", "true");
        env.put("OPENMAIL_WEBHOOKS_POLL_INTERVAL", "50ms");
        env.put("OPENMAIL_EXTRACTION_POLL_INTERVAL", "50ms");
        // the killed server's claim runs out after this; the event would not wait past the deadline for it
        env.put("OPENMAIL_EXTRACTION_LEASE", "2s");
        env.put("OPENMAIL_EXTRACTION_EVENT_WAIT", "10m");
        env.put("OPENMAIL_EXTRACTION_MAX_ATTEMPTS", "10");
        Map<String, String> stuck = new HashMap<>(env);
        stuck.put("OPENMAIL_TEST_BLOCKING_EXTRACTOR", "true");
        stuck.put("OPENMAIL_TEST_BLOCKING_EXTRACTOR_MARKER", marker.toString());

        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String inboxId;
            ServerProcess first = ServerProcess.start(workDir, stuck);
            try {
                Map<String, Object> inbox = json(post(httpPort, "/v1/inboxes",
                        "{\"webhookUrl\":\"" + receiver.url("/hook") + "\"}"));
                inboxId = (String) inbox.get("id");
                sendWithFile(smtpPort, (String) inbox.get("address"));
                assertTrue(Eventually.holds(() -> Files.exists(marker), WAIT), "the attachment was being read");
            } finally {
                first.kill();
            }
            assertEquals(List.of(), receiver.received(), "no event before its text");

            try (ServerProcess second = ServerProcess.start(workDir, env)) {
                assertTrue(Eventually.holds(() -> receiver.receivedAt("/hook").size() == 1, WAIT),
                        "the next server finished the job and recorded the event");
                @SuppressWarnings("unchecked")
                Map<String, Object> message = (Map<String, Object>) JSON.readValue(
                        receiver.receivedAt("/hook").get(0).bodyText(),
                        Argument.mapOf(String.class, Object.class)).get("message");
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> attachments = (List<Map<String, Object>>) message.get("attachments");
                assertEquals("text", attachments.get(0).get("extractionMethod"));
                assertEquals("resumed after the crash", attachments.get(0).get("parsedText"));
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> stored = (List<Map<String, Object>>) json(get(httpPort,
                        "/v1/inboxes/" + inboxId + "/messages")).get("data");
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> viewed = (List<Map<String, Object>>) stored.get(0).get("attachments");
                assertEquals("resumed after the crash", viewed.get(0).get("parsedText"));
                assertEquals(1, receiver.receivedAt("/hook").size(), "one event");
            }
        }
    }

    private static void sendWithFile(int smtpPort, String address) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(smtpPort));
        properties.put("mail.smtp.timeout", "20000");
        Session session = Session.getInstance(properties);
        MimeMessage mail = new MimeMessage(session);
        mail.setFrom(new InternetAddress("alice@example.org"));
        mail.setRecipients(RecipientType.TO, address);
        mail.setSubject("Crash");
        MimeBodyPart body = new MimeBodyPart();
        body.setText("See attached.", "UTF-8");
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(
                "resumed after the crash".getBytes(StandardCharsets.UTF_8), "text/plain")));
        file.setFileName("notes.txt");
        mail.setContent(new MimeMultipart(body, file));
        mail.saveChanges();
        Transport.send(mail);
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
