package dev.openmail.adapters.smtpout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.domain.port.out.RelayMail.RelayRefusedException;
import dev.openmail.domain.port.out.RelayMail.RelayUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the relay adapter puts on the wire, and how it reads the replies a real relay may give. */
class SmtpRelayRepliesTest {

    // no Message-ID, Date or MIME-Version: a client that "completes" the message would add them
    private static final byte[] RAW = ("From: Alice <alice@sender.example>\r\n"
            + "To: bob@rcpt.example\r\n"
            + "Subject: dots and\r\n"
            + "  folding\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n"
            + "\r\n"
            + "Grüße\r\n"
            + ".a line starting with a dot\r\n"
            + "..and one with two\r\n"
            + ".\r\n"
            + "\r\n"
            + "end\r\n").getBytes(StandardCharsets.UTF_8);

    private ScriptedSmtpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new ScriptedSmtpServer();
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    private SmtpRelay relay() {
        return new SmtpRelay(RelaySettings.plain("127.0.0.1", server.port()).withHeloName("out.openmail.test"));
    }

    @Test
    void putsTheBytesOnTheWireUnchangedWithTheEnvelopeAsGiven() {
        server.extensions("8BITMIME", "PIPELINING");

        relay().relay("bounce+42@sender.example", List.of("bob@rcpt.example", "hidden@other.example"), RAW);

        assertEquals(List.of("EHLO out.openmail.test"), server.commandsStartingWith("EHLO"));
        assertEquals(List.of("MAIL FROM:<bounce+42@sender.example> BODY=8BITMIME"),
                server.commandsStartingWith("MAIL"));
        assertEquals(List.of("RCPT TO:<bob@rcpt.example>", "RCPT TO:<hidden@other.example>"),
                server.commandsStartingWith("RCPT"));
        assertEquals(1, server.messages().size());
        assertArrayEquals(RAW, server.messages().get(0));
    }

    @Test
    void bodyParameterOnlyWhenTheMessageIs8BitAndTheRelayAnnouncesIt() {
        byte[] sevenBit = "From: alice@sender.example\r\n\r\nplain ascii\r\n".getBytes(StandardCharsets.US_ASCII);

        relay().relay("alice@sender.example", List.of("bob@rcpt.example"), RAW);
        server.extensions("8BITMIME");
        relay().relay("alice@sender.example", List.of("bob@rcpt.example"), sevenBit);

        assertEquals(List.of("MAIL FROM:<alice@sender.example>", "MAIL FROM:<alice@sender.example>"),
                server.commandsStartingWith("MAIL"));
        assertArrayEquals(RAW, server.messages().get(0));
        assertArrayEquals(sevenBit, server.messages().get(1));
    }

    @Test
    void absentSenderGoesOutAsTheNullReversePath() {
        relay().relay(null, List.of("bob@rcpt.example"), RAW);
        relay().relay("", List.of("bob@rcpt.example"), RAW);

        assertEquals(List.of("MAIL FROM:<>", "MAIL FROM:<>"), server.commandsStartingWith("MAIL"));
    }

    @Test
    void permanentRefusalOfTheOnlyRecipientIsRefusedAndNoDataIsSent() {
        server.rcptReply(address -> "550 5.1.1 <" + address + ">: no such user");

        RelayRefusedException refused = assertThrows(RelayRefusedException.class,
                () -> relay().relay("alice@sender.example", List.of("nobody@rcpt.example"), RAW));

        assertTrue(refused.getMessage().contains("nobody@rcpt.example"), refused.getMessage());
        assertTrue(refused.getMessage().contains("550"), refused.getMessage());
        assertEquals(List.of(), server.commandsStartingWith("DATA"));
    }

    @Test
    void temporaryRefusalOfTheRecipientIsUnavailable() {
        server.rcptReply(address -> "451 4.7.1 greylisted, try again later");

        RelayUnavailableException unavailable = assertThrows(RelayUnavailableException.class,
                () -> relay().relay("alice@sender.example", List.of("bob@rcpt.example"), RAW));

        assertTrue(unavailable.getMessage().contains("451"), unavailable.getMessage());
        assertEquals(List.of(), server.commandsStartingWith("DATA"));
    }

    @Test
    void everyRecipientRefusedForGoodIsRefused() {
        server.rcptReply(address -> address.startsWith("a") ? "550 5.1.1 unknown" : "553 5.1.3 bad address");

        assertThrows(RelayRefusedException.class,
                () -> relay().relay("alice@sender.example", List.of("ann@rcpt.example", "ben@rcpt.example"), RAW));
        assertEquals(List.of(), server.commandsStartingWith("DATA"));
    }

    @Test
    void partlyRefusedRecipientsStillGetTheMessageToTheOthers() {
        server.rcptReply(address -> address.equals("gone@rcpt.example") ? "550 5.1.1 gone" : "250 2.1.5 ok");

        relay().relay("alice@sender.example", List.of("gone@rcpt.example", "bob@rcpt.example"), RAW);

        assertEquals(List.of("RCPT TO:<gone@rcpt.example>", "RCPT TO:<bob@rcpt.example>"),
                server.commandsStartingWith("RCPT"));
        assertEquals(1, server.messages().size());
        assertArrayEquals(RAW, server.messages().get(0));
    }

    @Test
    void temporaryAndPermanentRefusalsWithNoneAcceptedIsUnavailable() {
        // the greylisted recipient may take it later; retrying is the only way to reach it
        server.rcptReply(address -> address.equals("gone@rcpt.example") ? "550 5.1.1 gone" : "451 4.7.1 later");

        assertThrows(RelayUnavailableException.class, () -> relay().relay("alice@sender.example",
                List.of("gone@rcpt.example", "grey@rcpt.example"), RAW));
        assertEquals(List.of(), server.commandsStartingWith("DATA"));
    }

    @Test
    void permanentRejectionAfterTheDataIsRefused() {
        server.dataEndReply("554 5.7.1 message content rejected");

        RelayRefusedException refused = assertThrows(RelayRefusedException.class,
                () -> relay().relay("alice@sender.example", List.of("bob@rcpt.example"), RAW));
        assertTrue(refused.getMessage().contains("554"), refused.getMessage());
    }

    @Test
    void temporaryRejectionAfterTheDataIsUnavailable() {
        server.dataEndReply("452 4.3.1 insufficient system storage");

        assertThrows(RelayUnavailableException.class,
                () -> relay().relay("alice@sender.example", List.of("bob@rcpt.example"), RAW));
    }

    @Test
    void partlyRefusedRecipientsAndATemporaryRejectionAfterTheDataIsUnavailable() {
        server.rcptReply(address -> address.equals("gone@rcpt.example") ? "550 5.1.1 gone" : "250 2.1.5 ok");
        server.dataEndReply("451 4.3.0 try again");

        assertThrows(RelayUnavailableException.class, () -> relay().relay("alice@sender.example",
                List.of("gone@rcpt.example", "bob@rcpt.example"), RAW));
    }

    @Test
    void refusedSenderIsRefused() {
        server.mailReply("550 5.7.1 sender not allowed");

        assertThrows(RelayRefusedException.class,
                () -> relay().relay("alice@sender.example", List.of("bob@rcpt.example"), RAW));
    }

    @Test
    void relayShuttingDownAtTheSenderIsUnavailable() {
        server.mailReply("421 4.3.2 shutting down");

        assertThrows(RelayUnavailableException.class,
                () -> relay().relay("alice@sender.example", List.of("bob@rcpt.example"), RAW));
    }

    @Test
    void relayDemandingAuthenticationThatIsNotConfiguredIsUnavailableNotRefused() {
        // a configuration mistake must leave the mail queued for when it is fixed, not bounce it
        server.mailReply("530 5.7.0 authentication required");

        RelayUnavailableException unavailable = assertThrows(RelayUnavailableException.class,
                () -> relay().relay("alice@sender.example", List.of("bob@rcpt.example"), RAW));
        assertTrue(unavailable.getMessage().contains("OPENMAIL_SMTP_RELAY_USERNAME"), unavailable.getMessage());
    }

    @Test
    void credentialsForARelayThatOffersNoAuthAreUnavailableAndNothingIsSent() {
        SmtpRelay relay = new SmtpRelay(RelaySettings.plain("127.0.0.1", server.port())
                .withCredentials("relayuser", "secret"), true);

        RelayUnavailableException unavailable = assertThrows(RelayUnavailableException.class,
                () -> relay.relay("alice@sender.example", List.of("bob@rcpt.example"), RAW));
        assertTrue(unavailable.getMessage().contains("AUTH"), unavailable.getMessage());
        assertEquals(List.of(), server.commandsStartingWith("MAIL"));
    }

    @Test
    void relayThatAcceptsTheConnectionButNeverGreetsTimesOutAsUnavailable() throws IOException {
        // the kernel completes the handshake from the backlog; nobody ever calls accept, so no greeting comes
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SmtpRelay relay = new SmtpRelay(RelaySettings.plain("127.0.0.1", silent.getLocalPort())
                    .withTimeout(Duration.ofMillis(300)));

            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(RelayUnavailableException.class,
                    () -> relay.relay("alice@sender.example", List.of("bob@rcpt.example"), RAW)));
        }
    }

    @Test
    void envelopeAddressThatWouldInjectACommandIsRefusedBeforeConnecting() {
        assertThrows(RelayRefusedException.class, () -> relay().relay("alice@sender.example",
                List.of("bob@rcpt.example>\r\nRCPT TO:<victim@elsewhere.example"), RAW));
        assertThrows(RelayRefusedException.class, () -> relay().relay("alice@sender.example\r\nRSET",
                List.of("bob@rcpt.example"), RAW));

        assertEquals(List.of(), server.commands());
    }

    @Test
    void withoutARelayHostTheMessageWaitsWithAnExplanation() {
        SmtpRelay unconfigured = new SmtpRelay(RelaySettings.plain("  ", 25));

        RelayUnavailableException unavailable = assertThrows(RelayUnavailableException.class,
                () -> unconfigured.relay("alice@sender.example", List.of("bob@rcpt.example"), RAW));
        assertTrue(unavailable.getMessage().contains("OPENMAIL_SMTP_RELAY_HOST"), unavailable.getMessage());
    }
}
