package dev.openmail.adapters.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.domain.webhook.WebhookRequest;
import dev.openmail.domain.webhook.WebhookResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With private targets not allowed (the default), every address off the public internet is refused without a
 * connection. A listener on the wildcard address and an ephemeral port takes every connection made to any address of
 * this machine on that port (127.0.0.1 and the rest of 127/8, 0.0.0.0, ::1, the machine's private and link-local
 * addresses); after each refusal a connection of our own must be the first one it accepts.
 */
class RefusedTargetsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final String HINT = "set OPENMAIL_WEBHOOK_ALLOW_PRIVATE_TARGETS=true to allow private targets";

    private ServerSocket listener;
    private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private Thread acceptor;
    private HttpWebhookPoster poster;

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(0), 50);   // the wildcard address, IPv4 and IPv6
        acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    accepted.add(listener.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "refused-targets-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        poster = new HttpWebhookPoster(false, TIMEOUT, host -> {
            if (host.equals("rebind.example")) {
                return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
            }
            if (host.equals("metadata.example")) {
                return new InetAddress[] {InetAddress.getByName("169.254.169.254"), InetAddress.getByName("fd00:ec2::254")};
            }
            if (host.equals("mixed.example")) {
                return new InetAddress[] {InetAddress.getByName("127.0.0.1"), InetAddress.getByName("192.0.2.1")};
            }
            return InetAddress.getAllByName(host);
        });
    }

    @AfterEach
    void close() throws IOException {
        poster.close();
        listener.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    private int port() {
        return listener.getLocalPort();
    }

    private WebhookResponse post(String url) {
        return poster.post(new WebhookRequest(url, Map.of("Content-Type", "application/json"), "{}".getBytes()));
    }

    /** The first connection the listener accepts after the refusal is one we open now: none came before it. */
    private void assertNoConnectionArrived() throws Exception {
        try (Socket sentinel = new Socket(InetAddress.getLoopbackAddress(), port())) {
            Socket first = accepted.poll(10, TimeUnit.SECONDS);
            assertNotNull(first, "the listener accepted nothing, not even our own connection");
            try (first) {
                assertEquals(sentinel.getLocalPort(), first.getPort(),
                        "the listener accepted a connection from the webhook client before ours");
            }
        }
    }

    private void assertRefused(WebhookResponse response) {
        assertEquals(0, response.statusCode());
        assertFalse(response.succeeded());
        assertTrue(response.error().startsWith("refused: "), response::toString);
        assertTrue(response.error().endsWith(HINT), response::toString);
        assertTrue(response.latencyMillis() < TIMEOUT.toMillis(), response::toString);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // loopback, unspecified
            "127.0.0.1", "127.0.0.2", "127.255.255.254", "[::1]", "0.0.0.0", "0.1.2.3", "[::]",
            // link-local, cloud metadata
            "169.254.169.254", "169.254.1.1", "[fe80::1]", "[fe80::fc:ff:fe00:1]",
            // private, shared, unique-local (the metadata service's IPv6 address among them)
            "10.0.0.5", "172.16.0.1", "172.31.255.254", "192.168.1.1", "100.64.0.1", "100.127.255.254",
            "[fc00::1]", "[fd00::2]", "[fd00:ec2::254]", "[fec0::1]",
            // multicast, broadcast, reserved, benchmarking, documentation
            "224.0.0.1", "239.255.255.250", "[ff02::1]", "255.255.255.255", "240.0.0.1", "192.0.0.8", "192.88.99.1",
            "198.18.0.1", "198.19.255.254", "192.0.2.1", "198.51.100.7", "203.0.113.9", "[2001:db8::1]",
            "[100::1]", "[2001::1]",
            // IPv4 inside IPv6: mapped, NAT64, 6to4
            "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::ffff:10.0.0.5]", "[::ffff:169.254.169.254]",
            "[64:ff9b::7f00:1]", "[64:ff9b::a9fe:a9fe]", "[64:ff9b::a00:5]",
            "[2002:7f00:1::]", "[2002:a9fe:a9fe::1]", "[2002:c0a8:101::]",
            // other spellings of 127.0.0.1
            "2130706433", "127.1", "127.0.1"})
    void anAddressOffThePublicInternetIsRefusedWithoutConnecting(String host) throws Exception {
        WebhookResponse response = post("http://" + host + ":" + port() + "/hook");

        assertRefused(response);
        assertNoConnectionArrived();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "http://10.0.0.5/hook|refused: 10.0.0.5 is a private address; " + HINT,
            "https://169.254.169.254/latest/meta-data/|refused: 169.254.169.254 is a link-local address; " + HINT,
            "http://2130706433/|refused: 127.0.0.1 is a loopback address; " + HINT,
            "http://[fd00:ec2::254]/|refused: fd00:ec2:0:0:0:0:0:254 is a unique-local address; " + HINT,
            "http://[64:ff9b::a00:5]/|refused: 64:ff9b:0:0:0:0:a00:5 is a private address (it embeds 10.0.0.5); " + HINT})
    void theReasonNamesTheAddressAndItsKind(String url, String reason) {
        assertEquals(reason, post(url).error());
    }

    @Test
    void hexadecimalSpellingsAreNotReadAsAPublicAddress() throws Exception {
        // the JDK resolves no hexadecimal form; whatever a resolver made of one, the rule would judge the address
        for (String host : new String[] {"0x7f.1", "0x7f000001", "0x7f.0.0.1", "017700000001"}) {
            WebhookResponse response = post("http://" + host + ":" + port() + "/hook");

            assertEquals(0, response.statusCode(), host);
            assertTrue(response.error().startsWith("refused: ") || response.error().startsWith("could not resolve host"),
                    host + ": " + response);
            assertNoConnectionArrived();
        }
    }

    @Test
    void localhostIsRefused() throws Exception {
        WebhookResponse response = post("http://localhost:" + port() + "/hook");

        assertRefused(response);
        assertTrue(response.error().startsWith("refused: localhost resolves to "), response::toString);
        assertNoConnectionArrived();
    }

    @Test
    void aNameResolvingToLoopbackIsRefused() throws Exception {
        WebhookResponse response = post("http://rebind.example:" + port() + "/hook");

        assertEquals("refused: rebind.example resolves to 127.0.0.1, a loopback address; " + HINT, response.error());
        assertNoConnectionArrived();
    }

    @Test
    void aNameResolvingOnlyToInternalAddressesIsRefused() throws Exception {
        assertRefused(post("http://metadata.example:" + port() + "/latest/meta-data/"));
        assertRefused(post("http://mixed.example:" + port() + "/hook"));
        assertNoConnectionArrived();
    }

    @Test
    void aNameResolvingToAPublicAndAPrivateAddressIsPostedOnlyToThePublicOne() throws Exception {
        try (HttpWebhookPoster mixed = new HttpWebhookPoster(false, TIMEOUT, host -> new InetAddress[] {
                InetAddress.getByName("127.0.0.1"), aPublicAddress()})) {
            WebhookResponse response = mixed.post(new WebhookRequest(
                    "http://mixed.example:" + port() + "/hook", Map.of(), new byte[0]));

            // whatever the network makes of the public address (no route, a timeout, an answer), it was tried
            assertFalse(response.error() != null && response.error().startsWith("refused"), response::toString);
        }
        assertNoConnectionArrived();
    }

    /** The second look, by the socket itself, should a path ever hand it an address the resolver did not check. */
    @Test
    void theSocketItselfRefusesAnInternalAddressAndAnyProxy() throws Exception {
        GuardedSocketFactory sockets = new GuardedSocketFactory(new TargetRule(false));
        try (Socket socket = sockets.create(null)) {
            RefusedTargetException refused = assertThrows(RefusedTargetException.class, () -> socket.connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port()), 1_000));
            assertEquals("refused: 127.0.0.1 is a loopback address; " + HINT, refused.getMessage());
        }
        assertThrows(RefusedTargetException.class, () -> sockets.create(
                new Proxy(Proxy.Type.HTTP, new InetSocketAddress(InetAddress.getLoopbackAddress(), port()))));
        assertNoConnectionArrived();
    }

    /** A public address: the attempt goes out to it, and never to the loopback address beside it. */
    private static InetAddress aPublicAddress() throws UnknownHostException {
        return InetAddress.getByName("192.0.3.1");
    }
}
