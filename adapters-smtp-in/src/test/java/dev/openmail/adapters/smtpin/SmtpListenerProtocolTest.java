package dev.openmail.adapters.smtpin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.openmail.adapters.smtpin.RawSmtpClient.Reply;
import dev.openmail.domain.port.in.ReceiveMail;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The listener driven over a plain socket, to see the exact replies. */
class SmtpListenerProtocolTest {

    private static final String HOSTNAME = "mx.test.example";
    private static final String ALICE = "alice@example.org";
    private static final String BOB = "bob@example.org";
    private static final String CAROL = "carol@example.org";
    private static final String SENDER = "sender@remote.example";

    private final FakeReceiveMail mail = new FakeReceiveMail(ALICE, BOB, CAROL);
    private final List<SmtpListener> listeners = new ArrayList<>();

    @AfterEach
    void stopListeners() {
        listeners.forEach(SmtpListener::stop);
    }

    private static SmtpSettings settings() {
        return SmtpSettings.defaults()
                .withBindAddress("127.0.0.1")
                .withPort(0)
                .withHostname(HOSTNAME)
                .withConnectionTimeout(Duration.ofSeconds(30));
    }

    private int start(SmtpSettings settings) {
        return start(settings, mail);
    }

    private int start(SmtpSettings settings, ReceiveMail receiveMail) {
        SmtpListener listener = new SmtpListener(receiveMail, settings);
        listeners.add(listener);
        listener.start();
        return listener.port();
    }

    private static byte[] message(String subject, String body) {
        return ("From: <" + SENDER + ">\r\nTo: <" + ALICE + ">\r\nSubject: " + subject + "\r\n\r\n" + body + "\r\n")
                .getBytes(UTF_8);
    }

    @Test
    void greetsWithTheHostnameAndAdvertisesSizeButNoStarttlsWithoutCertificate() throws IOException {
        int port = start(settings().withMaxMessageBytes(4096));
        try (RawSmtpClient client = new RawSmtpClient(port)) {
            Reply greeting = client.readReply();
            assertEquals(220, greeting.code());
            assertTrue(greeting.message().startsWith(HOSTNAME + " "), greeting.text());

            Reply ehlo = client.command("EHLO client.test");
            assertEquals(250, ehlo.code());
            assertTrue(ehlo.lines().contains("250-SIZE 4096"), ehlo.text());
            assertFalse(ehlo.text().contains("STARTTLS"), ehlo.text());
            assertEquals(454, client.command("STARTTLS").code());
        }
    }

    @Test
    void advertisesAndStartsStarttlsWhenCertificateAndKeyAreConfigured() throws IOException {
        int port = start(settings().withTls(Path.of("src/test/resources/tls/rsa-cert.pem"),
                Path.of("src/test/resources/tls/rsa-key-pkcs8.pem")));
        try (RawSmtpClient client = new RawSmtpClient(port)) {
            client.readReply();
            Reply ehlo = client.command("EHLO client.test");
            assertTrue(ehlo.lines().contains("250-STARTTLS"), ehlo.text());
            assertTrue(ehlo.lines().contains("250-SIZE " + SmtpSettings.DEFAULT_MAX_MESSAGE_BYTES), ehlo.text());
            assertEquals(220, client.command("STARTTLS").code());
        }
    }

    @Test
    void acceptsAMessageWith250AfterItIsStoredAndHandsOverEnvelopeAndBytes() throws IOException {
        int port = start(settings());
        byte[] message = message("Hello", "First line\r\n.starts with a dot\r\n..two dots");
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            Reply reply = client.send(SENDER, List.of(ALICE, BOB), message);

            assertEquals(250, reply.code(), reply.text());
        }
        assertEquals(1, mail.stored.size());
        ReceiveMail.Command stored = mail.stored.get(0);
        assertArrayEquals(message, stored.raw());
        assertEquals(SENDER, stored.envelopeSender());
        assertEquals(List.of(ALICE, BOB), stored.recipients());
        assertEquals("127.0.0.1", stored.clientIp(), "the client's address, for SPF and the Received header");
        assertEquals("client.test", stored.helo());
    }

    @Test
    void refusesAnUnknownRecipientWith550AndNeverDelivers() throws IOException {
        int port = start(settings());
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            assertEquals(250, client.command("MAIL FROM:<" + SENDER + ">").code());

            Reply rcpt = client.command("RCPT TO:<nobody@example.org>");

            assertEquals(550, rcpt.code());
            assertTrue(rcpt.message().startsWith("5.1.1 "), rcpt.text());
            assertEquals(503, client.command("DATA").code());
            assertTrue(mail.attempts.isEmpty());
            // the refused DATA left the transaction open: MAIL FROM still counts
            assertEquals(250, client.command("RCPT TO:<" + ALICE + ">").code());
        }
        assertEquals(List.of("nobody@example.org", ALICE), mail.checked);
        assertTrue(mail.attempts.isEmpty());
    }

    @Test
    void acceptsAMessageSentInOneBdatChunk() throws IOException {
        int port = start(settings());
        byte[] message = message("Chunked", "Body\r\n.not stuffed in BDAT");
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            assertEquals(250, client.command("MAIL FROM:<" + SENDER + ">").code());
            assertEquals(250, client.command("RCPT TO:<" + ALICE + ">").code());
            client.writeLine("BDAT " + message.length + " LAST");
            client.write(message);

            assertEquals(250, client.readReply().code());
        }
        assertArrayEquals(message, mail.stored.get(0).raw());
    }

    @Test
    void keepsTheLeadingDotOfABdatMessageWhichIsNotStuffed() throws IOException {
        int port = start(settings());
        byte[] message = ".X-Dotted: first\r\nSubject: dot\r\n\r\n.second\r\n".getBytes(UTF_8);
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            // a DATA refused before it reads anything leaves nothing behind for the BDAT after it
            assertEquals(250, client.command("MAIL FROM:<" + SENDER + ">").code());
            assertEquals(503, client.command("DATA").code());
            assertEquals(250, client.command("RCPT TO:<" + ALICE + ">").code());
            client.writeLine("BDAT " + message.length + " LAST");
            client.write(message);

            assertEquals(250, client.readReply().code());
        }
        assertArrayEquals(message, mail.stored.get(0).raw());
    }

    @Test
    void refusesABdatMessageOverTheSizeLimitWith552AndStaysInStep() throws IOException {
        int port = start(settings().withMaxMessageBytes(1024));
        byte[] tooBig = message("Big", "x".repeat(2000));
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            assertEquals(250, client.command("MAIL FROM:<" + SENDER + ">").code());
            assertEquals(250, client.command("RCPT TO:<" + ALICE + ">").code());
            client.writeLine("BDAT " + tooBig.length + " LAST");
            client.write(tooBig);

            assertEquals(552, client.readReply().code());
            assertEquals(250, client.send(SENDER, List.of(ALICE), message("Small", "ok")).code());
        }
        assertEquals(1, mail.attempts.size());
    }

    @Test
    void deliversToTheKnownRecipientsOnlyWhenSomeAreUnknown() throws IOException {
        int port = start(settings());
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            assertEquals(250, client.command("MAIL FROM:<" + SENDER + ">").code());
            assertEquals(550, client.command("RCPT TO:<nobody@example.org>").code());
            assertEquals(250, client.command("RCPT TO:<" + BOB + ">").code());
            assertEquals(354, client.command("DATA").code());
            client.write(RawSmtpClient.dotStuffed(message("Hi", "Body")));
            assertEquals(250, client.readReply().code());
        }
        assertEquals(List.of(BOB), mail.stored.get(0).recipients());
    }

    @Test
    void passesAddressesThroughAsGivenAndNamesAMailboxOnlyOnce() throws IOException {
        int port = start(settings());
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            assertEquals(250, client.command("MAIL FROM:<Sender@Remote.Example>").code());
            assertEquals(250, client.command("RCPT TO:<Alice@Example.ORG>").code());
            assertEquals(250, client.command("RCPT TO:<alice@example.org>").code());
            assertEquals(354, client.command("DATA").code());
            client.write(RawSmtpClient.dotStuffed(message("Hi", "Body")));
            assertEquals(250, client.readReply().code());
        }
        assertEquals(List.of("Alice@Example.ORG", "alice@example.org"), mail.checked);
        ReceiveMail.Command stored = mail.stored.get(0);
        assertEquals(List.of("Alice@Example.ORG"), stored.recipients());
        assertEquals("Sender@Remote.Example", stored.envelopeSender());
    }

    @Test
    void passesTheNullSenderOfABounceAsNull() throws IOException {
        int port = start(settings());
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            assertEquals(250, client.send("", List.of(ALICE), message("Undeliverable", "Bounce")).code());
        }
        assertNull(mail.stored.get(0).envelopeSender());
    }

    @Test
    void refusesAMessageOverTheSizeLimitWith552StoresNothingAndStaysInStep() throws IOException {
        int port = start(settings().withMaxMessageBytes(1024));
        byte[] tooBig = message("Big", "x".repeat(2000));
        byte[] exactlyAtLimit = message("Fits", "y".repeat(1024 - message("Fits", "").length));
        assertEquals(1024, exactlyAtLimit.length);
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            Reply refused = client.send(SENDER, List.of(ALICE), tooBig);

            assertEquals(552, refused.code(), refused.text());
            assertTrue(mail.attempts.isEmpty());

            Reply accepted = client.send(SENDER, List.of(ALICE), exactlyAtLimit);
            assertEquals(250, accepted.code(), accepted.text());
        }
        assertEquals(1, mail.attempts.size());
        assertArrayEquals(exactlyAtLimit, mail.stored.get(0).raw());
    }

    @Test
    void refusesADeclaredSizeOverTheLimitAtMailFrom() throws IOException {
        int port = start(settings().withMaxMessageBytes(1024));
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            assertEquals(552, client.command("MAIL FROM:<" + SENDER + "> SIZE=1025").code());
            assertEquals(250, client.command("MAIL FROM:<" + SENDER + "> SIZE=1024").code());
        }
    }

    @Test
    void readsSizeWhereverItStandsAndRefusesOneThatIsNoNumberWith501() throws IOException {
        int port = start(settings().withMaxMessageBytes(1024));
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            assertEquals(552, client.command("MAIL FROM:<" + SENDER + "> SIZE=1025 BODY=8BITMIME").code());
            assertEquals(552, client.command("MAIL FROM:<" + SENDER + "> BODY=8BITMIME size=99999999999999999999999")
                    .code());
            for (String size : List.of("", "12abc", "-1", "+5", "1e3")) {
                Reply refused = client.command("MAIL FROM:<" + SENDER + "> SIZE=" + size);
                assertEquals(501, refused.code(), size + ": " + refused.text());
                assertTrue(refused.text().contains("5.5.4"), refused.text());
            }
            // none of those opened a transaction
            assertEquals(250, client.command("MAIL FROM:<" + SENDER + "> SIZE=0001024 BODY=8BITMIME").code());
            assertEquals(503, client.command("MAIL FROM:<" + SENDER + "> SIZE=abc").code());
        }
    }

    @Test
    void dropsAClientThatSendsFarBeyondTheLimitAndKeepsServingOthers() throws Exception {
        int port = start(settings().withMaxMessageBytes(1024));
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            assertEquals(250, client.command("MAIL FROM:<" + SENDER + ">").code());
            assertEquals(250, client.command("RCPT TO:<" + ALICE + ">").code());
            assertEquals(354, client.command("DATA").code());
            // a message that never ends: the listener must hang up instead of reading it forever
            CompletableFuture<Void> endless = CompletableFuture.runAsync(() -> {
                byte[] line = ("z".repeat(998) + "\r\n").getBytes(UTF_8);
                try {
                    while (true) {
                        client.write(line);
                    }
                } catch (IOException closedByServer) {
                    // expected once the listener hangs up
                }
            });

            List<String> rest = client.readUntilClosed();

            assertFalse(rest.stream().anyMatch(line -> line.startsWith("250")), rest.toString());
            client.close();
            endless.get();
        }
        assertTrue(mail.attempts.isEmpty());
        try (RawSmtpClient next = RawSmtpClient.connected(port)) {
            assertEquals(250, next.send(SENDER, List.of(ALICE), message("Small", "ok")).code());
        }
    }

    @Test
    void refusesTheRecipientAfterTheMaximumWith452() throws IOException {
        int port = start(settings().withMaxRecipients(2));
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            assertEquals(250, client.command("MAIL FROM:<" + SENDER + ">").code());
            assertEquals(250, client.command("RCPT TO:<" + ALICE + ">").code());
            assertEquals(250, client.command("RCPT TO:<" + BOB + ">").code());

            Reply third = client.command("RCPT TO:<" + CAROL + ">");

            assertEquals(452, third.code());
            assertTrue(third.message().contains("too many recipients"), third.text());
            assertEquals(354, client.command("DATA").code());
            client.write(RawSmtpClient.dotStuffed(message("Hi", "Body")));
            assertEquals(250, client.readReply().code());
        }
        assertEquals(List.of(ALICE, BOB), mail.stored.get(0).recipients());
    }

    @Test
    void answers451WhenStoringFailsLogsNoContentAndKeepsTheConnectionUsable() throws IOException {
        int port = start(settings());
        mail.failReceiveWith(new IllegalStateException("database unavailable"));
        String secret = "the-secret-body-text";
        try (LogCapture log = LogCapture.of(ReceiveMailHandler.class);
                RawSmtpClient client = RawSmtpClient.connected(port)) {
            Reply failed = client.send(SENDER, List.of(ALICE), message("Secret subject", secret));

            assertEquals(451, failed.code(), failed.text());
            assertTrue(failed.message().startsWith("4.3.0 "), failed.text());
            assertEquals(1, mail.attempts.size());
            assertTrue(mail.stored.isEmpty());
            List<ILoggingEvent> warnings = log.at(Level.WARN);
            assertEquals(1, warnings.size());
            assertEquals("database unavailable", warnings.get(0).getThrowableProxy().getMessage());
            assertFalse(log.everything().contains(secret), log.everything());
            assertFalse(log.everything().contains("Secret subject"), log.everything());

            mail.failReceiveWith(null);
            assertEquals(250, client.send(SENDER, List.of(ALICE), message("Again", "Body")).code());
        }
        assertEquals(1, mail.stored.size());
    }

    @Test
    void answers451WhenCheckingARecipientFails() throws IOException {
        int port = start(settings());
        mail.failAcceptsWith(new IllegalStateException("database unavailable"));
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            assertEquals(250, client.command("MAIL FROM:<" + SENDER + ">").code());

            Reply rcpt = client.command("RCPT TO:<" + ALICE + ">");

            assertEquals(451, rcpt.code(), rcpt.text());
            assertTrue(rcpt.message().startsWith("4.3.0 "), rcpt.text());
        }
    }

    @Test
    void answers550WhenNoRecipientIsLeftAtDelivery() throws IOException {
        int port = start(settings());
        mail.findNobodyOnReceive(true);
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            Reply reply = client.send(SENDER, List.of(ALICE), message("Hi", "Body"));

            assertEquals(550, reply.code(), reply.text());
        }
        assertEquals(1, mail.attempts.size());
    }

    @Test
    void refusesAFullMailboxAtRcptWith452AndMailboxFull() throws IOException {
        int port = start(settings());
        mail.fill(ALICE);
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            Reply reply = client.send(SENDER, List.of(ALICE), message("Hi", "Body"));

            assertEquals(452, reply.code(), reply.text());
            assertTrue(reply.text().contains("4.2.2"), reply.text());
        }
        assertEquals(0, mail.attempts.size());
    }

    @Test
    void refusesAMessageThatDoesNotFitWith452AndOneLargerThanTheQuotaWith552() throws IOException {
        int port = start(settings());
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            mail.refuseWith(ReceiveMail.Refusal.FULL);
            Reply full = client.send(SENDER, List.of(ALICE, BOB), message("Hi", "Body"));
            assertEquals(452, full.code(), full.text());
            assertTrue(full.text().contains("4.2.2"), full.text());

            mail.refuseWith(ReceiveMail.Refusal.TOO_LARGE);
            Reply tooLarge = client.send(SENDER, List.of(ALICE), message("Hi", "Body"));
            assertEquals(552, tooLarge.code(), tooLarge.text());
            assertTrue(tooLarge.text().contains("5.2.2"), tooLarge.text());
        }
        assertEquals(0, mail.stored.size());
    }

    @Test
    void logsOneInfoLinePerAcceptedMessageWithoutContent() throws IOException {
        int port = start(settings());
        String secret = "confidential-words";
        byte[] message = message("Private " + secret, secret);
        try (LogCapture log = LogCapture.of(ReceiveMailHandler.class);
                RawSmtpClient client = RawSmtpClient.connected(port)) {
            assertEquals(250, client.send(SENDER, List.of(ALICE, BOB), message).code());
            assertEquals(250, client.send(SENDER, List.of(ALICE), message).code());

            List<ILoggingEvent> infos = log.at(Level.INFO);
            assertEquals(2, infos.size(), log.everything());
            assertTrue(infos.get(0).getFormattedMessage().contains(message.length + " bytes for 2 recipient(s)"),
                    infos.get(0).getFormattedMessage());
            assertFalse(log.everything().contains(secret), log.everything());
        }
    }

    @Test
    void disconnectsAClientThatStaysSilentPastTheTimeout() throws IOException {
        int port = start(settings().withConnectionTimeout(Duration.ofSeconds(1)));
        try (RawSmtpClient client = new RawSmtpClient(port)) {
            assertEquals(220, client.readReply().code());

            // the client's own read timeout (10 s) fails this if the listener never hangs up
            List<String> rest = client.readUntilClosed();

            assertEquals(1, rest.size(), rest.toString());
            assertTrue(rest.get(0).startsWith("421"), rest.toString());
        }
    }

    @Test
    void storesBareLineFeedsAndAVeryLongLineAsSentAndAcceptsTheNextMessage() throws IOException {
        int port = start(settings());
        byte[] odd = ("Subject: odd\nX-Bare: lf\n\nline one\nline two\r\n" + "w".repeat(100 * 1024) + "\r\nend")
                .getBytes(UTF_8);
        byte[] normal = message("Normal", "Body");
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            assertEquals(250, client.send(SENDER, List.of(ALICE), odd).code());
            assertEquals(250, client.send(SENDER, List.of(ALICE), normal).code());
        }
        assertEquals(2, mail.stored.size());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(odd);
        expected.writeBytes("\r\n".getBytes(UTF_8));
        assertArrayEquals(expected.toByteArray(), mail.stored.get(0).raw());
        assertArrayEquals(normal, mail.stored.get(1).raw());
    }

    /** DATA content is read in blocks, but not a byte past its end: what follows in the same packet is commands. */
    @Test
    void readsTheCommandsThatFollowTheEndOfDataInTheSamePacket() throws IOException {
        int port = start(settings());
        byte[] first = message("First", ".dotted\r\n" + "x".repeat(20_000));
        byte[] second = message("Second", "..");
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            assertEquals(250, client.command("MAIL FROM:<" + SENDER + ">").code());
            assertEquals(250, client.command("RCPT TO:<" + ALICE + ">").code());
            assertEquals(354, client.command("DATA").code());
            ByteArrayOutputStream packet = new ByteArrayOutputStream();
            packet.writeBytes(RawSmtpClient.dotStuffed(first));
            packet.writeBytes(("MAIL FROM:<" + SENDER + ">\r\nRCPT TO:<" + BOB + ">\r\nDATA\r\n").getBytes(UTF_8));
            client.write(packet.toByteArray());
            assertEquals(250, client.readReply().code());
            assertEquals(250, client.readReply().code());
            assertEquals(250, client.readReply().code());
            assertEquals(354, client.readReply().code());
            packet.reset();
            packet.writeBytes(RawSmtpClient.dotStuffed(second));
            packet.writeBytes("QUIT\r\n".getBytes(UTF_8));
            client.write(packet.toByteArray());
            assertEquals(250, client.readReply().code());
            assertEquals(221, client.readReply().code());
        }
        assertEquals(2, mail.stored.size());
        assertArrayEquals(first, mail.stored.get(0).raw());
        assertEquals(List.of(ALICE), mail.stored.get(0).recipients());
        assertArrayEquals(second, mail.stored.get(1).raw());
        assertEquals(List.of(BOB), mail.stored.get(1).recipients());
    }

    /** SubEthaSMTP's answer to an end of stream before the end of data, kept as it was: 421, and nothing stored. */
    @Test
    void answers421AndStoresNothingWhenTheClientHangsUpInTheMiddleOfData() throws IOException {
        int port = start(settings());
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            assertEquals(250, client.command("MAIL FROM:<" + SENDER + ">").code());
            assertEquals(250, client.command("RCPT TO:<" + ALICE + ">").code());
            assertEquals(354, client.command("DATA").code());
            client.write(("Subject: cut\r\n\r\n" + "y".repeat(30_000) + "\r\n.").getBytes(UTF_8));
            client.endOutput();

            assertEquals(List.of("421 4.4.0 Problem attempting to execute commands. Please try again later."),
                    client.readUntilClosed());
        }
        assertTrue(mail.attempts.isEmpty());
    }

    @Test
    void answers421WhenTheClientFallsSilentInTheMiddleOfData() throws IOException {
        int port = start(settings().withConnectionTimeout(Duration.ofSeconds(1)));
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            assertEquals(250, client.command("MAIL FROM:<" + SENDER + ">").code());
            assertEquals(250, client.command("RCPT TO:<" + ALICE + ">").code());
            assertEquals(354, client.command("DATA").code());
            client.write("Subject: silent\r\n\r\nand then nothing\r\n".getBytes(UTF_8));

            assertEquals(List.of("421 Timeout waiting for data from client."), client.readUntilClosed());
        }
        assertTrue(mail.attempts.isEmpty());
    }

    @Test
    void refusesACommandEndedByABareLineFeedAndKeepsServing() throws IOException {
        int port = start(settings());
        try (RawSmtpClient client = new RawSmtpClient(port)) {
            assertEquals(220, client.readReply().code());
            client.write("EHLO client.test\nMAIL FROM:<".getBytes(UTF_8));
            client.write((SENDER + ">\r\n").getBytes(UTF_8));

            List<String> rest = client.readUntilClosed();

            assertTrue(rest.get(0).startsWith("501"), rest.toString());
        }
        try (RawSmtpClient next = RawSmtpClient.connected(port)) {
            assertEquals(250, next.send(SENDER, List.of(ALICE), message("Normal", "Body")).code());
        }
        assertEquals(1, mail.stored.size());
    }

    @Test
    void refusesAnOverlongCommandLineAndKeepsServing() throws Exception {
        int port = start(settings());
        try (RawSmtpClient client = new RawSmtpClient(port)) {
            assertEquals(220, client.readReply().code());
            CompletableFuture<Void> longLine = CompletableFuture.runAsync(() -> {
                try {
                    client.write(("EHLO " + "a".repeat(100 * 1024) + "\r\n").getBytes(UTF_8));
                } catch (IOException closedByServer) {
                    // the listener may hang up before the line is written
                }
            });

            List<String> rest = client.readUntilClosed();

            assertFalse(rest.stream().anyMatch(line -> line.startsWith("250")), rest.toString());
            client.close();
            longLine.get();
        }
        try (RawSmtpClient next = RawSmtpClient.connected(port)) {
            assertEquals(250, next.send(SENDER, List.of(ALICE), message("Normal", "Body")).code());
        }
    }

    @Test
    void refusesConnectionsBeyondTheMaximum() throws IOException {
        int port = start(settings().withMaxConnections(1));
        try (RawSmtpClient first = new RawSmtpClient(port)) {
            assertEquals(220, first.readReply().code());
            try (RawSmtpClient second = new RawSmtpClient(port)) {
                assertEquals(421, second.readReply().code());
            }
        }
    }

    @Test
    void reportsTheBoundPortAndReleasesItWhenStopped() throws IOException {
        SmtpListener listener = new SmtpListener(mail, settings());
        assertEquals(0, listener.port());
        listener.start();
        int port = listener.port();
        assertTrue(port > 0);
        assertTrue(listener.isRunning());
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            assertTrue(socket.isConnected());
        }

        listener.stop();

        assertFalse(listener.isRunning());
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
    }
}
