package dev.openmail.adapters.smtpout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.openmail.domain.mail.DkimSigning;
import dev.openmail.domain.maildomain.DkimKey;
import dev.openmail.domain.port.out.TransmitMail.Envelope;
import dev.openmail.domain.port.out.TransmitMail.Outcome;
import dev.openmail.domain.port.out.TransmitMail.RecipientResult;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The relay adapter against GreenMail as the relay: what arrives, for whom, and with which credentials. */
class SmtpRelayGreenMailTest {

    private static final byte[] RAW = ("From: Alice <alice@sender.example>\r\n"
            + "To: Bob <bob@rcpt.example>, Carol <carol@rcpt.example>\r\n"
            + "Cc: dave@rcpt.example\r\n"
            + "Subject: Quarterly numbers,\r\n"
            + "\tfolded over two lines\r\n"
            + "Date: Tue, 14 Jan 2025 09:30:00 +0000\r\n"
            + "Message-ID: <0123456789.composed@sender.example>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n"
            + "\r\n"
            + "Numbers attached in spirit. Grüße!\r\n"
            + ".a line that must be dot-stuffed on the wire\r\n"
            + "\r\n"
            + "Alice\r\n").getBytes(StandardCharsets.UTF_8);

    private GreenMail greenMail;

    @AfterEach
    void stopGreenMail() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    private GreenMail startGreenMail(int port, GreenMailConfiguration configuration) {
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        if (configuration != null) {
            greenMail.withConfiguration(configuration);
        }
        greenMail.start();
        return greenMail;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private long messagesFor(String address) {
        return greenMail.findReceivedMessages(user -> user.getEmail().equals(address), message -> true).count();
    }

    /**
     * The bytes as they went over the wire, from what GreenMail stored: less the Return-Path and Received fields it
     * puts in front, plus the line break it drops at the end.
     */
    private static byte[] asRelayed(MimeMessage received) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        received.writeTo(out);
        byte[] stored = out.toByteArray();
        int start = 0;
        for (String added : List.of("Return-Path:", "Received:")) {
            String next = new String(stored, start, added.length(), StandardCharsets.ISO_8859_1);
            assertEquals(added, next, "GreenMail adds " + added + " in front");
            start = indexOfLineEnd(stored, start) + 2;
        }
        // GreenMail's DATA reader takes the CRLF before the final dot as part of the terminator; RFC 5321 4.1.1.4
        // says it ends the message's last line, and ScriptedSmtpServer shows it does arrive
        byte[] relayed = Arrays.copyOf(Arrays.copyOfRange(stored, start, stored.length), stored.length - start + 2);
        relayed[relayed.length - 2] = '\r';
        relayed[relayed.length - 1] = '\n';
        return relayed;
    }

    private static int indexOfLineEnd(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new AssertionError("no line end after " + from);
    }

    @Test
    void deliversTheExactBytesToTheEnvelopeRecipientsNotToTheHeaderOnes() throws Exception {
        int port = freePort();
        startGreenMail(port, null);
        SmtpRelay relay = new SmtpRelay(RelaySettings.plain("127.0.0.1", port));

        // carol is only in To; erin is a Bcc that only the envelope knows about
        List<RecipientResult> results = relay.transmit(RAW, List.of(new Envelope("bounce+7@sender.example",
                "bob@rcpt.example"), new Envelope("bounce+7@sender.example", "dave@rcpt.example"),
                new Envelope("bounce+7@sender.example", "erin@hidden.example")));

        assertTrue(results.stream().allMatch(r -> r.outcome() == Outcome.DELIVERED), results::toString);
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals(3, received.length);
        assertEquals(1, messagesFor("bob@rcpt.example"));
        assertEquals(1, messagesFor("dave@rcpt.example"));
        assertEquals(1, messagesFor("erin@hidden.example"));
        assertEquals(0, messagesFor("carol@rcpt.example"));
        for (MimeMessage message : received) {
            assertArrayEquals(RAW, asRelayed(message));
            assertEquals("<bounce+7@sender.example>", message.getHeader("Return-Path", null));
            assertEquals("<0123456789.composed@sender.example>", message.getMessageID());
        }
    }

    @Test
    void authenticatesWithTheConfiguredCredentials() throws Exception {
        int port = freePort();
        startGreenMail(port, GreenMailConfiguration.aConfig().withUser("relay@sender.example", "relayuser", "s3cret"));
        SmtpRelay relay = new SmtpRelay(RelaySettings.plain("127.0.0.1", port).withCredentials("relayuser", "s3cret"),
                true);

        assertEquals(Outcome.DELIVERED, send(relay, RAW).outcome());

        assertEquals(1, messagesFor("bob@rcpt.example"));
        assertArrayEquals(RAW, asRelayed(greenMail.getReceivedMessages()[0]));
    }

    private static RecipientResult send(SmtpRelay relay, byte[] raw) {
        return relay.transmit(raw, List.of(new Envelope("alice@sender.example", "bob@rcpt.example"))).get(0);
    }

    @Test
    void wrongPasswordDefersAndDeliversNothing() {
        int port = startWithRelayUser();
        SmtpRelay relay = new SmtpRelay(RelaySettings.plain("127.0.0.1", port).withCredentials("relayuser", "wrong"),
                true);

        RecipientResult result = send(relay, RAW);

        assertEquals(Outcome.DEFERRED, result.outcome());
        assertTrue(result.reply().contains("credentials"), result.reply());
        assertTrue(!result.reply().contains("wrong"), "the password stays out of the reply");
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    private int startWithRelayUser() {
        try {
            int port = freePort();
            startGreenMail(port, GreenMailConfiguration.aConfig().withUser("relay@sender.example", "relayuser",
                    "s3cret"));
            return port;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void requiredStartTlsAgainstARelayWithoutItDefersAndSendsNothingInTheClear() throws Exception {
        int port = freePort();
        startGreenMail(port, null);
        SmtpRelay relay = new SmtpRelay(RelaySettings.plain("127.0.0.1", port).withStartTls(true));

        RecipientResult result = send(relay, RAW);

        assertEquals(Outcome.DEFERRED, result.outcome());
        assertTrue(result.reply().contains("STARTTLS"), result.reply());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void relayDownDefersAndTheSameCallSucceedsOnceItIsBack() throws Exception {
        int port = freePort();
        SmtpRelay relay = new SmtpRelay(RelaySettings.plain("127.0.0.1", port));

        assertEquals(Outcome.DEFERRED, send(relay, RAW).outcome());

        startGreenMail(port, null);
        assertEquals(Outcome.DELIVERED, send(relay, RAW).outcome());

        assertEquals(1, messagesFor("bob@rcpt.example"));
        assertArrayEquals(RAW, asRelayed(greenMail.getReceivedMessages()[0]));
    }

    @Test
    void aSignedMessageStillVerifiesAfterTheRelay() throws Exception {
        int port = freePort();
        startGreenMail(port, null);
        DkimKey key = DkimKey.generate();
        byte[] signed = new JdkimSigner().sign(RAW,
                new DkimSigning("sender.example", key.selector(), key.privateKeyBase64()));

        assertEquals(Outcome.DELIVERED, send(new SmtpRelay(RelaySettings.plain("127.0.0.1", port)), signed).outcome());

        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertArrayEquals(signed, asRelayed(received));
        ByteArrayOutputStream asStored = new ByteArrayOutputStream();
        received.writeTo(asStored);
        assertTrue(DkimVerification.verifies(asStored.toByteArray(), "sender.example", key));
    }
}
