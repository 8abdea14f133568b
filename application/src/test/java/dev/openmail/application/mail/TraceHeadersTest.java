package dev.openmail.application.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.domain.port.in.ReceiveMail;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceHeadersTest {

    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");

    @Test
    void receivedNamesTheHeloTheAddressLiteralOurHostTheRecipientAndTheDate() {
        ReceiveMail.Command command = new ReceiveMail.Command(new byte[0], "a@x.test", List.of("bob@openmail.test"),
                "192.0.2.1", "mx.x.test");
        String field = TraceHeaders.received(command, "mx.openmail.test", NOW);
        assertTrue(field.startsWith("Received: from mx.x.test ([192.0.2.1])\n\tby mx.openmail.test with ESMTP id "),
                field);
        assertTrue(field.endsWith("\n\tfor <bob@openmail.test>;\n\tMon, 7 Dec 2026 08:00:00 +0000"), field);
    }

    @Test
    void anIpv6ClientIsAnIpv6LiteralAndAHostileHeloCannotBreakTheField() {
        ReceiveMail.Command command = new ReceiveMail.Command(new byte[0], null, List.of("a@o.test", "b@o.test"),
                "2001:db8::1", "evil\r\nX-Injected: yes");
        String field = TraceHeaders.received(command, "mx.openmail.test", NOW);
        assertTrue(field.startsWith("Received: from evilX-Injected:yes ([IPv6:2001:db8::1])"), field);
        assertTrue(!field.contains("for <"), "no single recipient to name");
    }

    @Test
    void prependsWithTheMessagesOwnLineBreaks() {
        byte[] crlf = TraceHeaders.prepend("Subject: a\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII),
                "A: 1\n\tcontinued", "B: 2");
        assertEquals("A: 1\r\n\tcontinued\r\nB: 2\r\nSubject: a\r\n\r\nbody", new String(crlf, StandardCharsets.US_ASCII));
        byte[] lf = TraceHeaders.prepend("Subject: a\n\nbody".getBytes(StandardCharsets.US_ASCII), "A: 1");
        assertEquals("A: 1\nSubject: a\n\nbody", new String(lf, StandardCharsets.US_ASCII));
    }
}
