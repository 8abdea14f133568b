package dev.openmail.adapters.smtpout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.domain.port.out.TransmitMail.Envelope;
import dev.openmail.domain.port.out.TransmitMail.Outcome;
import dev.openmail.domain.port.out.TransmitMail.RecipientResult;
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

    private static List<Envelope> envelopes(String from, String... recipients) {
        return java.util.Arrays.stream(recipients).map(to -> new Envelope(from, to)).toList();
    }

    private List<RecipientResult> send(String from, byte[] raw, String... recipients) {
        return relay().transmit(raw, envelopes(from, recipients));
    }

    private static List<Outcome> outcomes(List<RecipientResult> results) {
        return results.stream().map(RecipientResult::outcome).toList();
    }

    @Test
    void eachEnvelopeIsItsOwnTransactionOnOneConnectionWithTheBytesUnchanged() {
        server.extensions("8BITMIME", "PIPELINING");

        List<RecipientResult> results = relay().transmit(RAW, List.of(
                new Envelope("bounce+42@sender.example", "bob@rcpt.example"),
                new Envelope("bounce+43@sender.example", "hidden@other.example")));

        assertEquals(List.of(Outcome.DELIVERED, Outcome.DELIVERED), outcomes(results));
        assertEquals("bob@rcpt.example", results.get(0).recipient());
        assertEquals("250 2.0.0 queued as 1", results.get(0).reply());
        assertEquals("127.0.0.1", results.get(0).host());
        assertEquals(List.of("EHLO out.openmail.test"), server.commandsStartingWith("EHLO"));
        assertEquals(List.of("MAIL FROM:<bounce+42@sender.example> BODY=8BITMIME",
                "MAIL FROM:<bounce+43@sender.example> BODY=8BITMIME"), server.commandsStartingWith("MAIL"));
        assertEquals(List.of("RCPT TO:<bob@rcpt.example>", "RCPT TO:<hidden@other.example>"),
                server.commandsStartingWith("RCPT"));
        assertEquals(List.of(), server.commandsStartingWith("RSET"), "a finished transaction needs no reset");
        assertEquals(1, server.connections());
        assertEquals(2, server.messages().size());
        assertArrayEquals(RAW, server.messages().get(0));
        assertArrayEquals(RAW, server.messages().get(1));
    }

    @Test
    void bodyParameterOnlyWhenTheMessageIs8BitAndTheRelayAnnouncesIt() {
        byte[] sevenBit = "From: alice@sender.example\r\n\r\nplain ascii\r\n".getBytes(StandardCharsets.US_ASCII);

        send("alice@sender.example", RAW, "bob@rcpt.example");
        server.extensions("8BITMIME");
        send("alice@sender.example", sevenBit, "bob@rcpt.example");

        assertEquals(List.of("MAIL FROM:<alice@sender.example>", "MAIL FROM:<alice@sender.example>"),
                server.commandsStartingWith("MAIL"));
        assertArrayEquals(RAW, server.messages().get(0));
        assertArrayEquals(sevenBit, server.messages().get(1));
    }

    @Test
    void emptySenderGoesOutAsTheNullReversePath() {
        assertEquals(Outcome.DELIVERED, send("", RAW, "bob@rcpt.example").get(0).outcome());

        assertEquals(List.of("MAIL FROM:<>"), server.commandsStartingWith("MAIL"));
    }

    @Test
    void permanentRefusalOfTheOnlyRecipientFailsItAndNoDataIsSent() {
        server.rcptReply(address -> "550 5.1.1 <" + address + ">: no such user");

        RecipientResult result = send("alice@sender.example", RAW, "nobody@rcpt.example").get(0);

        assertEquals(Outcome.FAILED, result.outcome());
        assertTrue(result.reply().contains("550 5.1.1 <nobody@rcpt.example>"), result.reply());
        assertEquals(List.of(), server.commandsStartingWith("DATA"));
    }

    @Test
    void temporaryRefusalOfTheRecipientDefersIt() {
        server.rcptReply(address -> "451 4.7.1 greylisted, try again later");

        RecipientResult result = send("alice@sender.example", RAW, "bob@rcpt.example").get(0);

        assertEquals(Outcome.DEFERRED, result.outcome());
        assertTrue(result.reply().contains("451"), result.reply());
        assertEquals(List.of(), server.commandsStartingWith("DATA"));
    }

    @Test
    void aRefusedRecipientFailsAloneAndTheNextTransactionStartsWithAReset() {
        server.rcptReply(address -> address.equals("gone@rcpt.example") ? "550 5.1.1 gone"
                : address.equals("grey@rcpt.example") ? "451 4.7.1 later" : "250 2.1.5 ok");

        List<RecipientResult> results = send("alice@sender.example", RAW,
                "gone@rcpt.example", "bob@rcpt.example", "grey@rcpt.example", "carol@rcpt.example");

        assertEquals(List.of(Outcome.FAILED, Outcome.DELIVERED, Outcome.DEFERRED, Outcome.DELIVERED),
                outcomes(results));
        assertEquals(List.of("gone@rcpt.example", "bob@rcpt.example", "grey@rcpt.example", "carol@rcpt.example"),
                results.stream().map(RecipientResult::recipient).toList());
        assertEquals(2, server.messages().size());
        assertEquals(1, server.connections());
        // MAIL, RCPT (refused), RSET, MAIL, RCPT, DATA, MAIL, RCPT (refused), RSET, MAIL, RCPT, DATA
        List<String> verbs = server.commands().stream().map(c -> c.substring(0, 4)).filter(v -> !v.equals("EHLO")
                && !v.equals("QUIT")).toList();
        assertEquals(List.of("MAIL", "RCPT", "RSET", "MAIL", "RCPT", "DATA", "MAIL", "RCPT", "RSET", "MAIL", "RCPT",
                "DATA"), verbs);
    }

    @Test
    void permanentRejectionAfterTheDataFails() {
        server.dataEndReply("554 5.7.1 message content rejected");

        RecipientResult result = send("alice@sender.example", RAW, "bob@rcpt.example").get(0);

        assertEquals(Outcome.FAILED, result.outcome());
        assertTrue(result.reply().contains("554"), result.reply());
    }

    @Test
    void temporaryRejectionAfterTheDataDefers() {
        server.dataEndReply("452 4.3.1 insufficient system storage");

        assertEquals(Outcome.DEFERRED, send("alice@sender.example", RAW, "bob@rcpt.example").get(0).outcome());
    }

    @Test
    void refusedSenderFails() {
        server.mailReply("550 5.7.1 sender not allowed");

        assertEquals(Outcome.FAILED, send("alice@sender.example", RAW, "bob@rcpt.example").get(0).outcome());
    }

    @Test
    void relayShuttingDownAtTheSenderDefers() {
        server.mailReply("421 4.3.2 shutting down");

        assertEquals(List.of(Outcome.DEFERRED, Outcome.DEFERRED),
                outcomes(send("alice@sender.example", RAW, "bob@rcpt.example", "carol@rcpt.example")));
    }

    @Test
    void relayDemandingAuthenticationThatIsNotConfiguredDefersNotFails() {
        // a configuration mistake must leave the mail queued for when it is fixed, not bounce it
        server.mailReply("530 5.7.0 authentication required");

        RecipientResult result = send("alice@sender.example", RAW, "bob@rcpt.example").get(0);

        assertEquals(Outcome.DEFERRED, result.outcome());
        assertTrue(result.reply().contains("OPENMAIL_SMTP_RELAY_USERNAME"), result.reply());
    }

    @Test
    void credentialsForARelayThatOffersNoAuthDeferAndNothingIsSent() {
        SmtpRelay relay = new SmtpRelay(RelaySettings.plain("127.0.0.1", server.port())
                .withCredentials("relayuser", "secret"), true);

        RecipientResult result = relay.transmit(RAW, envelopes("alice@sender.example", "bob@rcpt.example")).get(0);

        assertEquals(Outcome.DEFERRED, result.outcome());
        assertTrue(result.reply().contains("AUTH"), result.reply());
        assertEquals(List.of(), server.commandsStartingWith("MAIL"));
    }

    @Test
    void relayThatAcceptsTheConnectionButNeverGreetsTimesOutAsDeferred() throws IOException {
        // the kernel completes the handshake from the backlog; nobody ever calls accept, so no greeting comes
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SmtpRelay relay = new SmtpRelay(RelaySettings.plain("127.0.0.1", silent.getLocalPort())
                    .withTimeout(Duration.ofMillis(300)));

            List<RecipientResult> results = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> relay.transmit(
                    RAW, envelopes("alice@sender.example", "bob@rcpt.example", "carol@rcpt.example")));
            assertEquals(List.of(Outcome.DEFERRED, Outcome.DEFERRED), outcomes(results));
        }
    }

    @Test
    void envelopeAddressThatWouldInjectACommandFailsAloneWithoutReachingTheWire() {
        List<RecipientResult> results = relay().transmit(RAW, List.of(
                new Envelope("alice@sender.example", "bob@rcpt.example>\r\nRCPT TO:<victim@elsewhere.example"),
                new Envelope("alice@sender.example\r\nRSET", "bob@rcpt.example"),
                new Envelope("alice@sender.example", "carol@rcpt.example")));

        assertEquals(List.of(Outcome.FAILED, Outcome.FAILED, Outcome.DELIVERED), outcomes(results));
        assertEquals(List.of("RCPT TO:<carol@rcpt.example>"), server.commandsStartingWith("RCPT"));
        assertTrue(server.commands().stream().noneMatch(c -> c.contains("victim")), server.commands()::toString);
    }

    @Test
    void aRelayWithoutAHostIsNotARelay() {
        assertThrows(IllegalArgumentException.class, () -> new SmtpRelay(RelaySettings.plain("  ", 25)));
    }
}
