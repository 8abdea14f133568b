package dev.openmail.adapters.smtpin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.openmail.domain.mail.MessageTooComplexException;
import dev.openmail.domain.port.in.ReceiveMail;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the listener counts: sessions, messages by result, refusals by reason, over a plain socket. */
class SmtpMetricsTest {

    private static final String ALICE = "alice@example.org";
    private static final byte[] MESSAGE = "Subject: hi\r\n\r\nhello\r\n".getBytes(UTF_8);

    private final FakeReceiveMail mail = new FakeReceiveMail(ALICE);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<SmtpListener> listeners = new ArrayList<>();

    @AfterEach
    void stop() {
        listeners.forEach(SmtpListener::stop);
    }

    private int start(SmtpLimits limits, int maxMessageBytes) {
        SmtpListener listener = new SmtpListener(mail, SmtpSettings.defaults().withBindAddress("127.0.0.1").withPort(0)
                .withMaxMessageBytes(maxMessageBytes).withConnectionTimeout(Duration.ofSeconds(30)), limits,
                SmtpMemory.defaults(), new SmtpMetrics(registry));
        listeners.add(listener);
        listener.start();
        return listener.port();
    }

    private double refusals(String reason) {
        return registry.get("openmail.smtp.refusals").tag("reason", reason).counter().count();
    }

    private double messages(String result) {
        return registry.get("openmail.smtp.messages").tag("result", result).counter().count();
    }

    @Test
    void everyRefusalIsCountedByItsReasonAndOnlyReadMessagesAsMessages() throws IOException {
        int port = start(new SmtpLimits(2, 4, ""), 1000);
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            assertEquals(250, client.send("sender@remote.example", List.of(ALICE), MESSAGE).code());

            assertEquals(250, client.command("MAIL FROM:<sender@remote.example>").code());
            assertEquals(550, client.command("RCPT TO:<nobody@example.org>").code());
            assertEquals(250, client.command("RSET").code());

            assertEquals(552, client.command("MAIL FROM:<sender@remote.example> SIZE=99999999999999999999").code());
            assertEquals(501, client.command("MAIL FROM:<sender@remote.example> SIZE=lots").code());

            byte[] tooLarge = ("Subject: big\r\n\r\n" + "x".repeat(2000) + "\r\n").getBytes(UTF_8);
            assertEquals(552, client.send("sender@remote.example", List.of(ALICE), tooLarge).code());

            mail.failReceiveWith(MessageTooComplexException.tooManyParts(10));
            assertEquals(552, client.send("sender@remote.example", List.of(ALICE), MESSAGE).code());
            mail.failReceiveWith(null);

            // the minute's allowance of four messages is spent: MAIL is refused before any content
            assertEquals(451, client.command("MAIL FROM:<sender@remote.example>").code());
            // the server counts a session out before it closes the socket after QUIT
            assertEquals(221, client.command("QUIT").code());
            client.readUntilClosed();
        }
        try (RawSmtpClient second = RawSmtpClient.connected(port);
             RawSmtpClient third = RawSmtpClient.connected(port);
             RawSmtpClient refused = new RawSmtpClient(port)) {
            assertEquals(421, refused.readReply().code());
        }

        assertEquals(3.0, registry.get("openmail.smtp.sessions").counter().count(), "three sessions were greeted");
        assertEquals(1.0, messages("accepted"));
        assertEquals(2.0, messages("refused"), "the oversized and the too complex message");
        assertEquals(1.0, refusals("recipient_unknown"));
        assertEquals(2.0, refusals("too_large"), "declared at MAIL, then read in DATA");
        assertEquals(1.0, refusals("bad_size"));
        assertEquals(1.0, refusals("too_complex"));
        assertEquals(1.0, refusals("rate_limited"));
        assertEquals(1.0, refusals("too_many_connections"));
        assertEquals(0.0, refusals("mailbox_full"));
    }

    @Test
    void refusalsAfterDataAreCountedAsRefusedMessages() throws IOException {
        int port = start(new SmtpLimits(0, 0, ""), 100_000);
        try (RawSmtpClient client = RawSmtpClient.connected(port)) {
            mail.refuseWith(ReceiveMail.Refusal.TOO_LARGE);
            assertEquals(552, client.send("sender@remote.example", List.of(ALICE), MESSAGE).code());
            mail.refuseWith(ReceiveMail.Refusal.FULL);
            assertEquals(452, client.send("sender@remote.example", List.of(ALICE), MESSAGE).code());
            mail.refuseWith(null);
            mail.failReceiveWith(new IllegalStateException("database down"));
            assertEquals(451, client.send("sender@remote.example", List.of(ALICE), MESSAGE).code());
            mail.failReceiveWith(null);
            mail.findNobodyOnReceive(true);
            assertEquals(550, client.send("sender@remote.example", List.of(ALICE), MESSAGE).code());
            mail.fill(ALICE);
            assertEquals(250, client.command("MAIL FROM:<sender@remote.example>").code());
            assertEquals(452, client.command("RCPT TO:<" + ALICE + ">").code());
        }

        assertEquals(0.0, messages("accepted"));
        assertEquals(4.0, messages("refused"));
        assertEquals(1.0, refusals("over_quota"));
        assertEquals(2.0, refusals("mailbox_full"), "after DATA, then at RCPT");
        assertEquals(1.0, refusals("temporary_failure"));
        assertEquals(1.0, refusals("recipient_unknown"));
    }

    @Test
    void aListenerBuiltWithoutARegistryCountsNothingAndStillAnswers() throws IOException {
        SmtpListener listener = new SmtpListener(mail, SmtpSettings.defaults().withBindAddress("127.0.0.1").withPort(0));
        listeners.add(listener);
        listener.start();
        try (RawSmtpClient client = RawSmtpClient.connected(listener.port())) {
            assertEquals(250, client.send("sender@remote.example", List.of(ALICE), MESSAGE).code());
        }
        assertEquals(List.of(), registry.getMeters());
    }
}
