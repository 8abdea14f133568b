package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Abuse of message structure, against the whole running server: a message of 500,000 MIME parts is refused with
 * 552 5.3.4 and stored nowhere, while another tenant's request is answered.
 */
class ComplexityCapsSystemTest {

    private static final int PARTS = 500_000;

    private static RunningServer server;

    @BeforeAll
    static void startAServerThatTakesBigMessages() {
        server = RunningServer.start(TestDatabase.mysql(), Map.of("openmail.admin-token", RunningServer.ADMIN_TOKEN,
                "openmail.outbox.enabled", "false",
                "openmail.dns-server", RunningServer.dns().address(),
                // room for 500,000 small parts, so that the part cap rather than the size limit refuses them
                "openmail.smtp.max-message-bytes", 16 * 1024 * 1024));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aMessageOfHalfAMillionPartsIsRefusedWith552WhileAnotherTenantIsServed() throws Exception {
        Account target = server.openAccount();
        Reply inbox = server.post("/v1/inboxes", target.token(), "{}");
        Account neighbour = server.openAccount();
        server.post("/v1/inboxes", neighbour.token(), "{}");

        CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> {
            try (Smtp smtp = new Smtp(server.smtpPort())) {
                return smtp.sendParts("sender@remote.example", inbox.string("address"), PARTS);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Reply meanwhile = server.get("/v1/inboxes", neighbour.token());
        String answer = reply.get(60, TimeUnit.SECONDS);

        assertEquals(200, meanwhile.status(), meanwhile.body());
        assertEquals(1, meanwhile.total(), meanwhile.body());
        assertTrue(answer.startsWith("552 5.3.4"), answer);
        assertTrue(answer.contains("more than 1000 MIME parts"), answer);
        assertEquals(0, server.get("/v1/inboxes/" + inbox.string("id") + "/messages", target.token()).total(),
                "nothing of a refused message is stored");
        assertEquals(200, server.get("/v1/inboxes", neighbour.token()).status(), "the server answers after it too");
    }

    /** A plain socket SMTP client that writes a generated message straight to the connection. */
    private static final class Smtp implements AutoCloseable {
        private final Socket socket = new Socket();
        private final InputStream in;
        private final OutputStream out;

        Smtp(int port) throws IOException {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            assertTrue(reply().startsWith("220"));
            command("EHLO client.test");
        }

        /** Sends a multipart message of {@code parts} tiny parts; the reply to its end, or the first refusal. */
        String sendParts(String from, String to, int parts) throws IOException {
            for (String line : new String[] {"MAIL FROM:<" + from + ">", "RCPT TO:<" + to + ">", "DATA"}) {
                String reply = command(line);
                if (!reply.startsWith(line.equals("DATA") ? "354" : "250")) {
                    return reply;
                }
            }
            write("From: " + from + "\r\nTo: " + to + "\r\nSubject: parts\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/mixed; boundary=b\r\n\r\n");
            byte[] part = "--b\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < parts; i++) {
                out.write(part);
            }
            write("--b--\r\n.\r\n");
            out.flush();
            return reply();
        }

        String command(String line) throws IOException {
            write(line + "\r\n");
            out.flush();
            return reply();
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }

        /** The last line of the next reply. */
        private String reply() throws IOException {
            while (true) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) != '\n') {
                    if (b == -1) {
                        throw new IOException("connection closed after " + line);
                    }
                    line.write(b);
                }
                String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
                if (text.length() < 4 || text.charAt(3) != '-') {
                    return text;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
