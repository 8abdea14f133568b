package dev.openmail.adapters.smtpin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.adapters.smtpin.RawSmtpClient.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per client address limits of the listener, over a plain socket from 127.0.0.1. */
class SmtpClientLimitsTest {

    private static final String ALICE = "alice@example.org";
    private static final byte[] MESSAGE = "Subject: hi\r\n\r\nhello\r\n".getBytes(UTF_8);

    private final FakeReceiveMail mail = new FakeReceiveMail(ALICE);
    private final List<SmtpListener> listeners = new ArrayList<>();
    private final List<RawSmtpClient> clients = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (RawSmtpClient client : clients) {
            client.close();
        }
        listeners.forEach(SmtpListener::stop);
    }

    private int start(SmtpLimits limits) {
        SmtpListener listener = new SmtpListener(mail, SmtpSettings.defaults().withBindAddress("127.0.0.1").withPort(0)
                .withConnectionTimeout(Duration.ofSeconds(30)), limits);
        listeners.add(listener);
        listener.start();
        return listener.port();
    }

    private RawSmtpClient connected(int port) throws IOException {
        RawSmtpClient client = RawSmtpClient.connected(port);
        clients.add(client);
        return client;
    }

    @Test
    void aConnectionBeyondTheAddressesLimitGets421AndIsClosedAndAFreedPlaceIsTakenAgain() throws IOException {
        int port = start(new SmtpLimits(2, 0, ""));
        RawSmtpClient first = connected(port);
        connected(port);

        try (RawSmtpClient third = new RawSmtpClient(port)) {
            Reply refused = third.readReply();
            assertEquals(421, refused.code(), refused.text());
            assertTrue(refused.message().startsWith("4.7.0 "), refused.text());
            assertEquals(List.of(), third.readUntilClosed(), "closed after the 421");
        }

        assertEquals(221, first.command("QUIT").code());
        first.readUntilClosed();
        // the server counts the session out before it closes the socket, so the place is free now
        try (RawSmtpClient again = RawSmtpClient.connected(port)) {
            assertEquals(250, again.command("NOOP").code());
        }
    }

    @Test
    void messagesBeyondTheAddressesMinuteGet451AtMailOnEveryConnectionOfIt() throws IOException {
        int port = start(new SmtpLimits(0, 3, ""));
        RawSmtpClient client = connected(port);
        for (int i = 0; i < 3; i++) {
            assertEquals(250, client.send("sender@remote.example", List.of(ALICE), MESSAGE).code(), "message " + i);
        }

        Reply refused = client.command("MAIL FROM:<sender@remote.example>");
        assertEquals(451, refused.code(), refused.text());
        assertTrue(refused.message().startsWith("4.7.1 "), refused.text());
        assertEquals(250, client.command("NOOP").code(), "the connection stays usable");
        assertEquals(503, client.command("RCPT TO:<" + ALICE + ">").code(), "no transaction was begun");

        Reply elsewhere = connected(port).command("MAIL FROM:<sender@remote.example>");
        assertEquals(451, elsewhere.code(), "the allowance is the address's, not the connection's");
    }

    @Test
    void anExemptAddressIsNotLimited() throws IOException {
        int port = start(new SmtpLimits(1, 1, "127.0.0.0/8, ::1"));
        RawSmtpClient one = connected(port);
        RawSmtpClient two = connected(port);
        for (int i = 0; i < 3; i++) {
            assertEquals(250, one.send("sender@remote.example", List.of(ALICE), MESSAGE).code());
            assertEquals(250, two.send("sender@remote.example", List.of(ALICE), MESSAGE).code());
        }
    }
}
