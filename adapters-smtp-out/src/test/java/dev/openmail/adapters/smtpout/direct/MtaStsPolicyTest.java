package dev.openmail.adapters.smtpout.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading MTA-STS policies, their TXT records and the HTTP answer that carries them, from hostile servers too. */
class MtaStsPolicyTest {

    @Test
    void aPolicyIsReadWithItsModePatternsAndAge() {
        MtaStsPolicy policy = MtaStsPolicy.parse("version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\n"
                + "mx: *.Example.NET\r\nmax_age: 604800\r\nextension: ignored\r\n");

        assertEquals(MtaStsPolicy.Mode.ENFORCE, policy.mode());
        assertEquals(List.of("mail.example.com", "*.example.net"), policy.mx());
        assertEquals(604800, policy.maxAgeSeconds());
        assertEquals(MtaStsPolicy.MAX_AGE_LIMIT, MtaStsPolicy.parse(
                "version: STSv1\nmode: testing\nmx: a.example\nmax_age: 9999999999\n").maxAgeSeconds());
    }

    @Test
    void aWildcardStandsForExactlyOneLabel() {
        MtaStsPolicy policy = MtaStsPolicy.parse("version: STSv1\nmode: enforce\nmx: *.example.net\n"
                + "mx: mail.example.com\nmax_age: 600\n");

        assertTrue(policy.allows("mx1.example.net"));
        assertTrue(policy.allows("MX1.Example.Net."));
        assertTrue(policy.allows("mail.example.com"));
        assertFalse(policy.allows("a.b.example.net"));
        assertFalse(policy.allows("example.net"));
        assertFalse(policy.allows("mx1.example.net.evil.test"));
        assertFalse(policy.allows("other.example.com"));
    }

    @Test
    void anInvalidPolicyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MtaStsPolicy.parse(""));
        assertThrows(IllegalArgumentException.class,
                () -> MtaStsPolicy.parse("version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 600\n"));
        assertThrows(IllegalArgumentException.class,
                () -> MtaStsPolicy.parse("version: STSv1\nmode: strict\nmx: a.example\nmax_age: 600\n"));
        assertThrows(IllegalArgumentException.class,
                () -> MtaStsPolicy.parse("version: STSv1\nmode: enforce\nmax_age: 600\n"));
        assertThrows(IllegalArgumentException.class,
                () -> MtaStsPolicy.parse("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -1\n"));
    }

    @Test
    void aHugePolicyOfColonsIsReadInLinearTime() {
        String body = "version: STSv1\nmode: none\nmax_age: 1\n" + ":".repeat(200_000) + "\n"
                + "mx: a\n".repeat(50_000);

        MtaStsPolicy policy = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> MtaStsPolicy.parse(body));

        assertEquals(1000, policy.mx().size());
    }

    @Test
    void theRecordIdIsReadFromAValidStsRecordOnly() {
        assertEquals("20250101T000000", MtaStsPolicy.recordId("v=STSv1; id=20250101T000000;"));
        assertEquals("abc", MtaStsPolicy.recordId("v=STSv1;id=abc"));
        assertNull(MtaStsPolicy.recordId("v=STSv2; id=abc"));
        assertNull(MtaStsPolicy.recordId("v=STSv1; id=has-dash"));
        assertNull(MtaStsPolicy.recordId("v=STSv1; id=" + "a".repeat(33)));
        assertNull(MtaStsPolicy.recordId("v=STSv1"));
    }

    private static InputStream http(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aResponseIsReadByLengthByChunksOrToTheEnd() throws IOException {
        String policy = "version: STSv1\r\nmode: none\r\nmax_age: 1\r\n";

        assertEquals(policy, MtaStsPolicies.readResponse("h", http("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                + "Content-Length: " + policy.length() + "\r\n\r\n" + policy)));
        assertEquals(policy, MtaStsPolicies.readResponse("h", http("HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(10) + "\r\n" + policy.substring(0, 10) + "\r\n"
                + Integer.toHexString(policy.length() - 10) + "\r\n" + policy.substring(10) + "\r\n0\r\n\r\n")));
        assertEquals(policy, MtaStsPolicies.readResponse("h", http("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n"
                + "\r\n" + policy)));
    }

    @Test
    void aRedirectAnotherTypeOrAnOversizedBodyIsNoPolicy() {
        assertThrows(IOException.class, () -> MtaStsPolicies.readResponse("h", http(
                "HTTP/1.1 301 Moved\r\nLocation: https://evil.test/\r\nContent-Length: 0\r\n\r\n")));
        assertThrows(IOException.class, () -> MtaStsPolicies.readResponse("h", http(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\n\r\nhi")));
        assertThrows(IOException.class, () -> MtaStsPolicies.readResponse("h", http(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n")));
        assertThrows(IOException.class, () -> MtaStsPolicies.readResponse("h", http(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "ffff\r\n" + "x".repeat(0xffff) + "\r\nffff\r\n" + "x".repeat(0xffff) + "\r\n0\r\n\r\n")));
    }

    @Test
    void anEndlessBodyOrHeaderStopsAtTheBound() {
        InputStream endless = new SequenceInputStream(http("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n"),
                new InputStream() {
                    @Override
                    public int read() {
                        return 'x';
                    }
                });
        assertThrows(IOException.class, () -> MtaStsPolicies.readResponse("h", endless));

        InputStream endlessHeader = new SequenceInputStream(http("HTTP/1.1 200 OK\r\nX: "), new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        });
        assertThrows(IOException.class, () -> MtaStsPolicies.readResponse("h", endlessHeader));
    }
}
