package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bodies past their route's limit are refused before they are read: the answer to a 30 MB sign-in form comes back
 * after the request's headers alone, and another tenant is served meanwhile. Spoken over a raw socket, so that the
 * test controls how much of the body has been sent when the answer arrives.
 */
class BodyLimitsSystemTest {

    private static final int THIRTY_MB = 30 * 1024 * 1024;

    private final RunningServer server = RunningServer.shared();

    @Test
    void a30MbSignInFormIsAnswered413BeforeItsBodyIsSentAndOtherTenantsAreStillServed() throws IOException {
        Account other = server.openAccount();
        try (Socket socket = connect()) {
            writeHeaders(socket, "POST /console/sign-in HTTP/1.1", "Content-Type: application/x-www-form-urlencoded",
                    "Content-Length: " + THIRTY_MB);

            String answer = readAnswer(socket.getInputStream());

            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("text/html"), answer);
            assertTrue(answer.contains("larger than this route takes (4096 bytes)"), answer);
        }
        assertEquals(200, server.get("/v1/pods", other.token()).status(), "another tenant is served");
    }

    @Test
    void anApiBodyPastItsLimitIsAnswered413InJsonWithoutBeingSent() throws IOException {
        Account account = server.openAccount();
        try (Socket socket = connect()) {
            writeHeaders(socket, "POST /v1/pods HTTP/1.1", "Content-Type: application/json",
                    "Authorization: Bearer " + account.token(), "Content-Length: " + (2 * 1024 * 1024));

            String answer = readAnswer(socket.getInputStream());

            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("{\"error\":\"payload_too_large\""), answer);
        }
        assertEquals(200, server.get("/v1/pods", account.token()).status());
    }

    @Test
    void aChunkedBodyIsCutOffOnceItPassesTheLimit() throws IOException {
        Account other = server.openAccount();
        long sent = 0;
        try (Socket socket = connect()) {
            writeHeaders(socket, "POST /console/sign-in HTTP/1.1", "Content-Type: application/x-www-form-urlencoded",
                    "Transfer-Encoding: chunked");
            OutputStream out = socket.getOutputStream();
            byte[] chunk = ("400\r\n" + "a".repeat(1024) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                while (sent < THIRTY_MB) {
                    out.write(chunk);
                    sent += 1024;
                }
                out.flush();
            } catch (IOException cutOff) {
                // the server closed the connection
            }
            assertTrue(sent < THIRTY_MB, "the server read the whole 30 MB");
            String answer = readAnswer(socket.getInputStream());
            assertTrue(!answer.startsWith("HTTP/1.1 2") && !answer.startsWith("HTTP/1.1 3"), answer);
        }
        assertEquals(200, server.get("/v1/pods", other.token()).status(), "another tenant is served");
    }

    @Test
    void aSmallSignInFormStillReachesTheConsole() throws IOException {
        try (Socket socket = connect()) {
            String form = "csrf=x&apiKey=om_unknownxxxxxxxxxxxxxxxx";
            writeHeaders(socket, "POST /console/sign-in HTTP/1.1", "Content-Type: application/x-www-form-urlencoded",
                    "Content-Length: " + form.length(), "Connection: close");
            socket.getOutputStream().write(form.getBytes(StandardCharsets.US_ASCII));

            String answer = readAnswer(socket.getInputStream());

            assertTrue(answer.startsWith("HTTP/1.1 403"), "the form is read (and its stale CSRF token refused): " + answer);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.uri("/").getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void writeHeaders(Socket socket, String requestLine, String... headers) throws IOException {
        StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: localhost\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** What the server answers, up to 64 KiB or the end of the connection; empty when it closed without one. */
    private static String readAnswer(InputStream in) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n > 0 && answer.size() < 65536; n = in.read(buffer)) {
                answer.write(buffer, 0, n);
                if (answer.toString(StandardCharsets.UTF_8).contains("\r\n\r\n") && complete(answer)) {
                    break;
                }
            }
        } catch (IOException closed) {
            // reset by the server: what came before is the answer
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    private static boolean complete(ByteArrayOutputStream answer) {
        String text = answer.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String lower = text.substring(0, end).toLowerCase();
        int at = lower.indexOf("content-length:");
        if (at < 0) {
            return false;
        }
        int length = Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at) < 0 ? end
                : Math.min(end, lower.indexOf("\r\n", at))).trim());
        return text.getBytes(StandardCharsets.UTF_8).length >= end + 4 + length;
    }
}
