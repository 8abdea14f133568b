package dev.openmail.bootstrap.system;

import dev.openmail.adapters.dns.testing.InProcessDnsServer;
import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.Eventually;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many large messages at once against a tiny memory and processing budget: each is stored (250) or put off with
 * 451 4.3.1, never refused with a 5xx nor lost to an OutOfMemoryError, no spool file is left, and another tenant's
 * API request is answered while they are in flight.
 */
class SmtpMemoryBudgetSystemTest {

    private static final int SESSIONS = 12;
    private static final int MESSAGE_BYTES = 1536 * 1024;

    @TempDir
    static Path spoolDirectory;

    private static InProcessDnsServer dns;
    private static RunningServer server;

    @BeforeAll
    static void startAServerWithATinyBudget() throws IOException {
        dns = InProcessDnsServer.start();
        server = RunningServer.start(TestDatabase.h2(), Map.of("openmail.admin-token", RunningServer.ADMIN_TOKEN,
                "openmail.outbox.enabled", "false",
                "openmail.dns-server", dns.address(),
                "openmail.smtp.max-message-bytes", 4 * 1024 * 1024,
                "openmail.smtp.spool-threshold-bytes", 64 * 1024,
                "openmail.smtp.memory-budget-bytes", 256 * 1024,
                "openmail.smtp.processing-budget-bytes", 2 * 1024 * 1024,
                "openmail.smtp.processing-wait-seconds", 0,
                "openmail.smtp.spool-dir", spoolDirectory.toString()));
    }

    @AfterAll
    static void stop() {
        server.close();
        dns.close();
    }

    @Test
    void concurrentLargeMessagesAreStoredOrPutOffWith451WhileAnotherTenantIsServed() throws Exception {
        Account receiving = server.openAccount();
        Reply inbox = server.post("/v1/inboxes", receiving.token(), "{}");
        String address = inbox.string("address");
        Account neighbour = server.openAccount();
        assertEquals(201, server.post("/v1/inboxes", neighbour.token(), "{}").status());

        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        List<String> replies = new ArrayList<>();
        try (Socket held = new Socket(InetAddress.getLoopbackAddress(), server.smtpPort())) {
            // one message stays half-sent, spooled, for the whole test
            held.setSoTimeout(20_000);
            InputStream heldIn = held.getInputStream();
            OutputStream heldOut = held.getOutputStream();
            expect(heldIn, "220");
            for (String line : List.of("EHLO client.test", "MAIL FROM:<someone@remote.example>",
                    "RCPT TO:<" + address + ">")) {
                write(heldOut, line);
                expect(heldIn, "250");
            }
            write(heldOut, "DATA");
            expect(heldIn, "354");
            byte[] held1 = message(MESSAGE_BYTES);
            heldOut.write(held1, 0, held1.length / 2);
            heldOut.flush();
            assertTrue(Eventually.holds(() -> !spoolFiles().isEmpty(), Duration.ofSeconds(10)), "spooling began");

            List<Future<String>> sessions = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                sessions.add(pool.submit(() -> deliver(address, message(MESSAGE_BYTES))));
            }
            Reply meanwhile = server.get("/v1/inboxes", neighbour.token());
            assertEquals(200, meanwhile.status(), meanwhile.body());
            assertEquals(1, meanwhile.total());
            for (Future<String> session : sessions) {
                replies.add(session.get(120, TimeUnit.SECONDS));
            }

            heldOut.write(held1, held1.length / 2, held1.length - held1.length / 2);
            write(heldOut, ".");
            replies.add(reply(heldIn));
        } finally {
            pool.shutdownNow();
        }

        List<String> unexpected = replies.stream()
                .filter(reply -> !reply.startsWith("250 ") && !reply.startsWith("451 4.3.1 ")).toList();
        assertEquals(List.of(), unexpected, "only 250 or 451 4.3.1");
        long accepted = replies.stream().filter(reply -> reply.startsWith("250 ")).count();
        assertTrue(accepted >= 1, replies.toString());
        Reply messages = server.get("/v1/inboxes/" + inbox.string("id") + "/messages", receiving.token());
        assertEquals(200, messages.status(), messages.body());
        assertEquals(accepted, messages.total());
        assertTrue(Eventually.holds(() -> spoolFiles().isEmpty(), Duration.ofSeconds(10)),
                "spool files left: " + spoolFiles());
    }

    private static String deliver(String to, byte[] message) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.smtpPort())) {
            socket.setSoTimeout(60_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            for (String line : List.of("EHLO client.test", "MAIL FROM:<someone@remote.example>",
                    "RCPT TO:<" + to + ">")) {
                write(out, line);
                String answer = reply(in);
                if (!answer.startsWith("250")) {
                    return answer;
                }
            }
            write(out, "DATA");
            expect(in, "354");
            out.write(message);
            write(out, ".");
            String answer = reply(in);
            write(out, "QUIT");
            return answer;
        }
    }

    /** A message of about {@code size} bytes, every line short and none starting with a dot. */
    private static byte[] message(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 100);
        out.writeBytes("From: <someone@remote.example>\r\nSubject: large\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        int line = 0;
        while (out.size() < size) {
            out.writeBytes(("line " + line++ + " of a large message\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private static List<Path> spoolFiles() {
        try (Stream<Path> files = Files.walk(spoolDirectory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".spool")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void expect(InputStream in, String code) throws IOException {
        String answer = reply(in);
        assertTrue(answer.startsWith(code), answer);
    }

    /** The last line of one reply, reading past the lines of a multi-line one. */
    private static String reply(InputStream in) throws IOException {
        while (true) {
            String line = readLine(in);
            if (line == null) {
                throw new IOException("connection closed");
            }
            if (line.length() < 4 || line.charAt(3) != '-') {
                return line;
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }
}
