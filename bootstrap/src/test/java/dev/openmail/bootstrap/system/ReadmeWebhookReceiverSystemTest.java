package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.Eventually;
import dev.openmail.bootstrap.support.RequiredTool;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The webhook receiver the README shows, run as written (python3): it takes the server's signed deliveries and turns
 * away a request whose signature was made with another secret.
 */
class ReadmeWebhookReceiverSystemTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** The first python block after the README's "### Webhooks" heading. */
    private static String receiverFromReadme() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("### Webhooks");
        assertTrue(section >= 0, "the README has a Webhooks section");
        int start = readme.indexOf("```python\n", section);
        int end = readme.indexOf("```", start + 10);
        assertTrue(start >= 0 && end > start, "the Webhooks section shows a receiver in Python");
        String code = readme.substring(start + "```python\n".length(), end);
        assertTrue(code.lines().count() <= 25, "the receiver stays short: " + code.lines().count() + " lines");
        return code;
    }

    @Test
    void theReadmeReceiverTakesSignedDeliveriesAndRefusesForgedOnes() throws Exception {
        RequiredTool.require(RequiredTool.PYTHON3);
        Path script = dir.resolve("receiver.py");
        Files.writeString(script, receiverFromReadme());
        int port = RunningServer.freePort();
        try (RunningServer server = RunningServer.start(TestDatabase.h2(), Map.of(
                "openmail.admin-token", RunningServer.ADMIN_TOKEN, "openmail.webhooks.allow-private-targets", true))) {
            Account account = server.openAccount();
            Reply inbox = server.post("/v1/inboxes", account.token(),
                    "{\"webhookUrl\":\"http://127.0.0.1:" + port + "/hook\"}");
            assertEquals(201, inbox.status(), inbox.body());
            Path output = dir.resolve("receiver.log");
            ProcessBuilder builder = new ProcessBuilder(RequiredTool.PYTHON3.path().toString(), script.toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("OPENMAIL_WEBHOOK_SECRET", inbox.string("webhookSecret"));
            builder.environment().put("PORT", String.valueOf(port));
            Process receiver = builder.start();
            try {
                assertTrue(Eventually.holds(() -> listening(port), WAIT), "the receiver listens on " + port);

                Reply test = server.post("/v1/inboxes/" + inbox.string("id") + "/webhook/test", account.token(), "");

                assertEquals(200, test.status(), test.body());
                assertTrue(Eventually.holds(() -> read(output).contains("webhook.test evt_"), WAIT), read(output));
                String stamp = Long.toString(Instant.now().getEpochSecond());
                HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/hook"))
                        .header("X-Timestamp", stamp).header("X-Signature", "00".repeat(32))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"message.received\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(401, forged.statusCode(), "a signature made without the secret is refused");
            } finally {
                receiver.destroyForcibly().waitFor();
            }
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
