package dev.openmail.bootstrap.system;

import dev.openmail.adapters.dns.testing.InProcessDnsServer;
import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.Eventually;
import dev.openmail.bootstrap.support.RequiredTool;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real rspamd (Debian package {@code rspamd}): the test starts its own rspamd on a free loopback port with a
 * configuration of its own (the packaged rules, one normal worker, no controller, proxy or fuzzy worker, nothing that
 * needs redis), points a server at it, and sends the GTUBE test message over SMTP.
 */
class RspamdSystemTest {

    /** The GTUBE test string: every rspamd rejects a message containing it. */
    private static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    /** rspamd compiles its rules when it starts: on a loaded machine that takes a minute or more. */
    private static final Duration STARTUP = Duration.ofMinutes(4);

    @Test
    void theGtubeTestMessageIsScannedWithItsSymbolAndRejectAction() throws Exception {
        RequiredTool.require(RequiredTool.RSPAMD);
        Path work = Files.createTempDirectory("openmail-rspamd");
        // rspamd caches its compiled rules in the database directory: kept across runs of the build, so that only the
        // first run waits for the compilation
        Path cache = Files.createDirectories(Path.of("target", "rspamd-cache").toAbsolutePath());
        int port = RunningServer.freePort();
        Files.writeString(work.resolve("rspamd.conf"), """
                .include "$CONFDIR/common.conf"
                options {
                    pidfile = "$RUNDIR/rspamd.pid";
                    .include "$CONFDIR/options.inc"
                }
                logging {
                    type = "file";
                    filename = "$LOGDIR/rspamd.log";
                    level = "info";
                }
                worker "normal" {
                    bind_socket = "127.0.0.1:%d";
                    .include "$CONFDIR/worker-normal.inc"
                    count = 1;
                }
                """.formatted(port));
        Process rspamd = new ProcessBuilder(RequiredTool.RSPAMD.path().toString(), "-f", "-i",
                "-c", work.resolve("rspamd.conf").toString(), "--var=CONFDIR=/etc/rspamd",
                "--var=LOCAL_CONFDIR=" + work, "--var=RUNDIR=" + work, "--var=DBDIR=" + cache,
                "--var=LOGDIR=" + work)
                .redirectErrorStream(true).redirectOutput(work.resolve("stdout.txt").toFile()).start();
        try (InProcessDnsServer dns = InProcessDnsServer.start()) {
            assertTrue(Eventually.holds(() -> answers(port), STARTUP),
                    "rspamd did not start: see " + work.resolve("rspamd.log"));
            try (RunningServer server = RunningServer.start(TestDatabase.h2(), Map.of(
                    "openmail.admin-token", RunningServer.ADMIN_TOKEN, "openmail.dns-server", dns.address(),
                    "openmail.rspamd.url", "http://127.0.0.1:" + port,
                    // generous: the machine running the tests may be busy, and the point here is rspamd's verdict
                    "openmail.rspamd.timeout", "20s"))) {
                Account account = server.openAccount();
                Reply inbox = server.post("/v1/inboxes", account.token(), "{}");
                assertEquals(201, inbox.status(), inbox.body());

                send(server, inbox.string("address"));

                Reply messages = server.get("/v1/inboxes/" + inbox.string("id") + "/messages", account.token());
                assertEquals(1, messages.data().size(), messages.body());
                Map<?, ?> spam = (Map<?, ?>) messages.data().get(0).get("spam");
                assertEquals("scanned", spam.get("status"), String.valueOf(spam));
                assertEquals("reject", spam.get("action"), String.valueOf(spam));
                assertTrue(((List<?>) spam.get("symbols")).contains("GTUBE"), String.valueOf(spam));
            }
        } finally {
            rspamd.descendants().forEach(ProcessHandle::destroy);
            rspamd.destroy();
        }
    }

    /** Whether rspamd's normal worker answers a check (it does once its rules are loaded). */
    private static boolean answers(int port) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/checkv2")).timeout(Duration.ofSeconds(5))
                            .POST(HttpRequest.BodyPublishers.ofString("Subject: ping\r\n\r\nping\r\n")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() == 200 && response.body().contains("\"action\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void send(RunningServer server, String to) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(server.smtpPort()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "60000");
        MimeMessage mail = new MimeMessage(Session.getInstance(properties));
        mail.setFrom(new InternetAddress("spammer@example.test"));
        mail.setRecipients(RecipientType.TO, to);
        mail.setSubject("GTUBE", "UTF-8");
        mail.setText("This is the GTUBE, the Generic Test for Unsolicited Bulk Email.\r\n\r\n" + GTUBE + "\r\n",
                "US-ASCII");
        mail.saveChanges();
        Transport.send(mail);
    }
}
