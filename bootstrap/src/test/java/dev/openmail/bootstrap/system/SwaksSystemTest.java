package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.RequiredTool;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SMTP listener driven by swaks (Debian package swaks, installed by .ci/run; skipped without it, see
 * {@link RequiredTool}), a client written apart from the Java one the other mail tests use.
 */
class SwaksSystemTest {

    private final RunningServer server = RunningServer.shared();

    @TempDir
    Path files;

    /** Per test rather than per class, so that Surefire counts each skipped test. */
    @BeforeEach
    void requireSwaks() {
        RequiredTool.require(RequiredTool.SWAKS);
    }

    @Test
    void aMessageWithAnAttachmentSentBySwaksIsReadable() throws Exception {
        Account account = server.openAccount();
        Reply inbox = server.post("/v1/inboxes", account.token(), "{}");
        Path report = Files.write(files.resolve("report.csv"), "id,total\n1,42\n".getBytes(StandardCharsets.UTF_8));

        Result sent = swaks("--to", inbox.string("address"), "--from", "ops@example.org",
                "--header", "Subject: =?UTF-8?B?" + Base64.getEncoder()
                        .encodeToString("Nächtlicher Bericht ☕".getBytes(StandardCharsets.UTF_8)) + "?=",
                "--body", "Siehe Anhang.",
                "--attach-type", "text/csv", "--attach-name", "report.csv", "--attach", "@" + report);

        assertEquals(0, sent.exitCode(), sent.output());
        Reply messages = server.get("/v1/inboxes/" + inbox.string("id") + "/messages", account.token());
        assertEquals(1, messages.total(), messages.body());
        Map<String, Object> message = messages.data().get(0);
        assertEquals("Nächtlicher Bericht ☕", message.get("subject"));
        assertEquals("ops@example.org", message.get("fromAddr"));
        assertTrue(((String) message.get("bodyText")).contains("Siehe Anhang."), message.toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> attachments = (List<Map<String, Object>>) message.get("attachments");
        assertEquals("report.csv", attachments.get(0).get("filename"));
        assertEquals("text/csv", attachments.get(0).get("contentType"));
    }

    @Test
    void swaksSeesAnUnknownRecipientRefusedWith550() throws Exception {
        Result refused = swaks("--to", "nobody-at-all@" + RunningServer.DEFAULT_DOMAIN, "--from", "ops@example.org",
                "--body", "hello");

        assertTrue(refused.exitCode() != 0, refused.output());
        assertTrue(refused.output().contains("<** 550"), refused.output());
    }

    private record Result(int exitCode, String output) {
    }

    private Result swaks(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(RequiredTool.SWAKS.path().toString(), "--server", "127.0.0.1",
                "--port", String.valueOf(server.smtpPort()), "--timeout", "30"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "swaks finished");
        return new Result(process.exitValue(), output);
    }
}
