package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.Eventually;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.ServerProcess;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import dev.openmail.bootstrap.support.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.openmail.bootstrap.system.WebSocketSystemTest.assertError;
import static dev.openmail.bootstrap.system.WebSocketSystemTest.mail;
import static dev.openmail.bootstrap.system.WebSocketSystemTest.subject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The WebSocket with two server processes on one MySQL-family database (this JVM's server and a child process), and
 * what a server does on its own schedule: pings and dropping a silent peer, checking keys again, closing with 1001
 * when it stops. The in-JVM server runs with short intervals so that no test waits long.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSocketProcessesSystemTest {

    private RunningServer here;
    private ServerProcess child;
    private int childHttpPort;
    private int childSmtpPort;
    private Path workDir;

    @BeforeAll
    void startTwoProcesses() throws Exception {
        TestDatabase database = TestDatabase.mysql();
        here = RunningServer.start(database, Map.of("openmail.admin-token", RunningServer.ADMIN_TOKEN,
                "openmail.default-domain", RunningServer.DEFAULT_DOMAIN,
                "openmail.websocket.ping-interval", "300ms", "openmail.websocket.pong-timeout", "500ms",
                "openmail.websocket.key-check-interval", "300ms"));
        workDir = Files.createTempDirectory("openmail-ws-child");
        childHttpPort = RunningServer.freePort();
        childSmtpPort = RunningServer.freePort();
        Map<String, String> env = ServerProcess.besideTestServer(database, childHttpPort, childSmtpPort);
        child = ServerProcess.start(workDir, env);
    }

    @AfterAll
    void stop() throws Exception {
        if (child != null) {
            child.kill();
        }
        if (here != null) {
            here.close();
        }
    }

    @Test
    void anEventRecordedByOneProcessReachesAClientOfTheOther() throws Exception {
        Account acme = here.openAccount();
        Reply inbox = here.post("/v1/inboxes", acme.token(), "{}");
        String address = inbox.string("address");
        try (WsClient onHere = WsClient.bearer(port(), acme.token());
             WsClient onChild = WsClient.bearer(childHttpPort, acme.token())) {
            assertEquals("subscribed", onHere.ask("{\"type\":\"subscribe\"}").get("type"));
            assertEquals("subscribed", onChild.ask("{\"type\":\"subscribe\"}").get("type"));

            mail(childSmtpPort, address, "through the child");
            assertEquals("through the child", subject(onHere.next()));
            assertEquals("through the child", subject(onChild.next()));

            mail(here.smtpPort(), address, "through this one");
            assertEquals("through this one", subject(onChild.next()));
            assertEquals("through this one", subject(onHere.next()));
        }
    }

    @Test
    void theLimitOfTenConnectionsHoldsAcrossProcesses() {
        Account acme = here.openAccount();
        List<WsClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                WsClient ws = WsClient.bearer(i % 2 == 0 ? port() : childHttpPort, acme.token());
                open.add(ws);
                assertEquals("pong", ws.ask("{\"type\":\"ping\"}").get("type"));
            }
            for (int server : List.of(port(), childHttpPort)) {
                WsClient refused = WsClient.bearer(server, acme.token());
                open.add(refused);
                assertError(refused.next(), "10 WebSocket connections");
                assertEquals(4008, refused.closed().code());
            }
        } finally {
            open.forEach(WsClient::close);
        }
    }

    @Test
    void aKeyRevokedOnAnotherProcessIsClosedAtTheNextCheck() {
        Account acme = here.openAccount();
        Reply minted = here.post("/v1/api-keys", acme.token(), "{}");
        try (WsClient ws = WsClient.bearer(port(), minted.string("token"))) {
            assertEquals("pong", ws.ask("{\"type\":\"ping\"}").get("type"));

            Reply revoked = here.send(RunningServer.authorized(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + childHttpPort + "/v1/api-keys/" + minted.string("id")))
                    .DELETE(), acme.token()));
            assertEquals(204, revoked.status(), revoked.body());

            assertError(ws.next(), "revoked");
            assertEquals(4001, ws.closed().code());
        }
    }

    @Test
    void aClientThatAnswersPingsStaysAndOneThatDoesNotIsDropped() throws Exception {
        Account acme = here.openAccount();
        try (WsClient answering = WsClient.bearer(port(), acme.token());
             Socket silent = new Socket("localhost", port())) {
            silent.setSoTimeout(10_000);
            OutputStream out = silent.getOutputStream();
            String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
            out.write(("GET /v1/ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer "
                    + acme.token() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = silent.getInputStream();
            String status = readLine(in);
            assertTrue(status.contains("101"), status);
            while (!readLine(in).isEmpty()) {
                // the rest of the handshake's headers
            }

            int closeCode = -1;
            boolean pinged = false;
            for (int opcode = in.read() & 0x0f; ; opcode = in.read() & 0x0f) {
                int length = in.read() & 0x7f;
                byte[] payload = in.readNBytes(length);
                if (opcode == 0x9) {
                    pinged = true;
                } else if (opcode == 0x8) {
                    closeCode = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
                    break;
                }
            }
            assertTrue(pinged, "the server pings");
            assertEquals(1008, closeCode, "a peer that never answers a ping is dropped");
            assertEquals("pong", answering.ask("{\"type\":\"ping\"}").get("type"), "one that answers stays");
        }
    }

    @Test
    void aServerThatStopsClosesItsConnectionsWith1001() {
        RunningServer stopping = RunningServer.start(TestDatabase.h2(), Map.of("openmail.admin-token",
                RunningServer.ADMIN_TOKEN));
        Account acme = stopping.openAccount();
        WsClient ws = WsClient.bearer(stopping.uri("/").getPort(), acme.token());
        try {
            assertEquals("pong", ws.ask("{\"type\":\"ping\"}").get("type"));
            CompletableFuture.runAsync(stopping::close);
            assertEquals(1001, ws.closedWithin(Duration.ofSeconds(20)).code());
        } finally {
            ws.close();
            stopping.close();
        }
    }

    @Test
    void aClosedConnectionLeavesTheInstallationsList() {
        Account acme = here.openAccount();
        try (WsClient ws = WsClient.bearer(port(), acme.token())) {
            assertEquals("pong", ws.ask("{\"type\":\"ping\"}").get("type"));
            assertEquals(1, here.queryForLong("SELECT COUNT(*) FROM event_subscribers WHERE account_id = ?", acme.id()));
        }
        assertTrue(Eventually.holds(() -> here.queryForLong(
                "SELECT COUNT(*) FROM event_subscribers WHERE account_id = ?", acme.id()) == 0, Duration.ofSeconds(10)));
    }

    private int port() {
        return here.uri("/").getPort();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("closed in the handshake");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
