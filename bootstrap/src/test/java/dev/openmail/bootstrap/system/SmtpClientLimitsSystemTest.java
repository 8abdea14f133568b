package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 300 SMTP connections at once from one address: the first 20 are greeted and the rest get 421 4.7.0, while a client
 * on the operator's exempt list, another address, and the HTTP API are still served. Every address of 127.0.0.0/8 is
 * the loopback interface on Linux, so the test connects from 127.0.0.1, 127.0.0.2 and 127.0.0.3.
 */
class SmtpClientLimitsSystemTest {

    private static final InetAddress FLOODER = address("127.0.0.1");
    private static final InetAddress EXEMPT = address("127.0.0.2");
    private static final InetAddress NEIGHBOUR = address("127.0.0.3");

    private static RunningServer server;
    private final List<Socket> open = new ArrayList<>();

    @BeforeAll
    static void startAServerWithPerAddressLimits() {
        server = RunningServer.start(TestDatabase.h2(), Map.of("openmail.admin-token", RunningServer.ADMIN_TOKEN,
                "openmail.outbox.enabled", "false",
                // the listener's own limit on all connections stays out of the way of the per-address one
                "openmail.smtp.max-connections", 1000,
                "openmail.smtp.max-connections-per-ip", 20,
                "openmail.smtp.limit-exempt", "127.0.0.2/32"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void closeConnections() throws IOException {
        for (Socket socket : open) {
            socket.close();
        }
    }

    @Test
    void threeHundredConnectionsFromOneAddressGet421BeyondTwentyWhileOthersAreServed() throws Exception {
        Account account = server.openAccount();
        Reply inbox = server.post("/v1/inboxes", account.token(), "{}");
        String address = inbox.string("address");
        int connections = 300;
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<Socket> greeted = new ConcurrentLinkedQueue<>();
        List<Future<String>> greetings = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                greetings.add(pool.submit(() -> {
                    go.await();
                    Socket socket = connect(FLOODER);
                    String greeting = reader(socket).readLine();
                    if (greeting != null && greeting.startsWith("220")) {
                        greeted.add(socket);
                    } else {
                        socket.close();
                    }
                    return greeting;
                }));
            }
            go.countDown();
            List<String> replies = new ArrayList<>();
            for (Future<String> greeting : greetings) {
                replies.add(greeting.get());
            }
            open.addAll(greeted);

            assertEquals(20, replies.stream().filter(reply -> reply.startsWith("220 ")).count(), replies.toString());
            List<String> refused = replies.stream().filter(reply -> !reply.startsWith("220 ")).toList();
            assertEquals(connections - 20, refused.size());
            assertTrue(refused.stream().allMatch(reply -> reply.startsWith("421 4.7.0 ")), refused.get(0));
        } finally {
            pool.shutdownNow();
        }

        // with the flooder's 20 connections still open
        assertEquals(250, deliver(EXEMPT, address), "the exempt address is served");
        assertEquals(250, deliver(NEIGHBOUR, address), "another address has its own allowance");
        Reply messages = server.get("/v1/inboxes/" + inbox.string("id") + "/messages", account.token());
        assertEquals(200, messages.status(), "the API answers: " + messages.body());
        assertEquals(2, messages.total());
    }

    private static int deliver(InetAddress from, String to) throws IOException {
        try (Socket socket = connect(from)) {
            BufferedReader in = reader(socket);
            OutputStream out = socket.getOutputStream();
            int code = expect(in, 220);
            for (String line : List.of("EHLO client.test", "MAIL FROM:<someone@remote.example>", "RCPT TO:<" + to + ">")) {
                write(out, line);
                code = reply(in);
                if (code != 250) {
                    return code;
                }
            }
            write(out, "DATA");
            expect(in, 354);
            write(out, "Subject: limits\r\n\r\nhello\r\n.");
            code = reply(in);
            write(out, "QUIT");
            return code;
        }
    }

    private static Socket connect(InetAddress from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.smtpPort()), 10_000);
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static int expect(BufferedReader in, int expected) throws IOException {
        int code = reply(in);
        assertEquals(expected, code);
        return code;
    }

    /** The code of one reply, reading past the lines of a multi-line one. */
    private static int reply(BufferedReader in) throws IOException {
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed");
            }
            if (line.length() < 4 || line.charAt(3) != '-') {
                return Integer.parseInt(line.substring(0, 3));
            }
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
