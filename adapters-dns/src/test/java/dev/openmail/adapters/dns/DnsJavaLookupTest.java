package dev.openmail.adapters.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.adapters.dns.testing.InProcessDnsServer;
import dev.openmail.domain.port.out.DnsLookup.MxRecord;
import dev.openmail.domain.port.out.DnsUnavailableException;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;

class DnsJavaLookupTest {

    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);
    private static final Duration BOUND = Duration.ofSeconds(5);

    private InProcessDnsServer server;
    private DnsJavaLookup lookup;

    @BeforeEach
    void startServer() throws IOException {
        server = InProcessDnsServer.start();
        lookup = new DnsJavaLookup(server.address(), Duration.ofSeconds(2));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void txtRecordWithOneString() {
        server.addTxt("example.com", "v=spf1 include:spf.openmail.dev -all");

        assertEquals(List.of("v=spf1 include:spf.openmail.dev -all"), lookup.txt("example.com"));
    }

    @Test
    void txtRecordWithSeveralStringsIsJoinedWithoutSeparator() {
        server.addTxt("example.com", "v=spf1 ", "include:spf.openmail.dev", " -all");

        assertEquals(List.of("v=spf1 include:spf.openmail.dev -all"), lookup.txt("example.com"));
    }

    @Test
    void everyTxtRecordAtTheNameIsReturned() {
        server.addTxt("example.com", "v=spf1 -all");
        server.addTxt("example.com", "openmail-verification=abc123");
        server.addTxt("example.com", "google-site-verification=xyz");

        assertEquals(
                Set.of("v=spf1 -all", "openmail-verification=abc123", "google-site-verification=xyz"),
                Set.copyOf(lookup.txt("example.com")));
        assertEquals(3, lookup.txt("example.com").size());
    }

    @Test
    void dkimKeyPublishedAsSeveralCharacterStringsComesBackAsOneValue() {
        String key = dkimValue(900);
        List<String> chunks = new ArrayList<>();
        for (int start = 0; start < key.length(); start += 255) {
            chunks.add(key.substring(start, Math.min(key.length(), start + 255)));
        }
        server.addTxt("openmail._domainkey.example.com", chunks.toArray(String[]::new));

        assertEquals(List.of(key), lookup.txt("openmail._domainkey.example.com"));
    }

    @Test
    void longTxtValuePublishedThroughTheServersSplitterRoundTrips() {
        String key = dkimValue(420);
        server.addTxtValue("openmail._domainkey.example.com", key);

        assertEquals(List.of(key), lookup.txt("openmail._domainkey.example.com"));
    }

    @Test
    void txtKeepsQuotesBackslashesAndNonAsciiAsPublished() {
        server.addTxt("example.com", "say \"hi\" \\ to caf\u00e9 ", "\u2603");

        assertEquals(List.of("say \"hi\" \\ to caf\u00e9 \u2603"), lookup.txt("example.com"));
    }

    @Test
    void mxRecordsCarryTheirPriorityAndALowerCaseExchangeWithoutTrailingDot() {
        server.addMx("example.com", 10, "MX1.OpenMail.Dev.");
        server.addMx("example.com", 20, "mx2.openmail.dev");

        assertEquals(
                Set.of(new MxRecord(10, "mx1.openmail.dev"), new MxRecord(20, "mx2.openmail.dev")),
                Set.copyOf(lookup.mx("example.com")));
    }

    @Test
    void nullMxHasAnEmptyExchange() {
        server.addMx("example.com", 0, ".");

        assertEquals(List.of(new MxRecord(0, "")), lookup.mx("example.com"));
    }

    @Test
    void addressesAreTheAAndAaaaRecordsFromTheConfiguredServerIpv4First() throws IOException {
        // a name the JVM's own resolver could never know: the answer must come from the configured server
        server.addAddress("mx1.delivery.test", InetAddress.getByName("2001:db8::25"));
        server.addAddress("mx1.delivery.test", InetAddress.getByName("192.0.2.25"));
        server.addAddress("mx1.delivery.test", InetAddress.getByName("192.0.2.26"));

        assertEquals(List.of(InetAddress.getByName("192.0.2.25"), InetAddress.getByName("192.0.2.26"),
                InetAddress.getByName("2001:db8::25")), lookup.addresses("MX1.delivery.test."));
    }

    @Test
    void hostWithoutAddressesOrThatDoesNotExistHasNone() {
        server.addMx("delivery.test", 10, "mx1.delivery.test");

        assertEquals(List.of(), lookup.addresses("delivery.test"));
        assertEquals(List.of(), lookup.addresses("missing.delivery.test"));
    }

    @Test
    void addressLookupThatFailsIsUnavailable() {
        server.failWith("broken.delivery.test", Rcode.SERVFAIL);

        assertThrows(DnsUnavailableException.class, () -> lookup.addresses("broken.delivery.test"));
    }

    @Test
    void nameThatDoesNotExistHasNoRecords() {
        server.addTxt("example.com", "v=spf1 -all");

        assertEquals(List.of(), lookup.txt("missing.example.com"));
        assertEquals(List.of(), lookup.mx("missing.example.com"));
    }

    @Test
    void nameWithoutTheAskedTypeHasNoRecords() {
        server.addMx("example.com", 10, "mx.openmail.dev");
        server.addTxt("openmail._domainkey.example.com", "v=DKIM1; k=rsa; p=AAAA");

        assertEquals(List.of(), lookup.txt("example.com"));
        assertEquals(List.of(), lookup.txt("_domainkey.example.com"));
    }

    @Test
    void namesAreCaseInsensitiveAndMayEndWithADot() {
        server.addTxt("example.com", "v=spf1 -all");

        assertEquals(List.of("v=spf1 -all"), lookup.txt("EXAMPLE.com."));
    }

    @Test
    void singleLabelNamesAreAskedAsTheyAreWithoutASearchList() {
        server.addTxt("localdomain", "top");

        assertEquals(List.of("top"), lookup.txt("localdomain"));
    }

    @Test
    void serverFailureIsReportedAsUnavailableNamingServerAndName() {
        server.addTxt("broken.example.com", "v=spf1 -all");
        server.failWith("broken.example.com", Rcode.SERVFAIL);

        DnsUnavailableException failure =
                assertThrows(DnsUnavailableException.class, () -> lookup.txt("broken.example.com"));

        assertTrue(failure.getMessage().contains(server.address()), failure.getMessage());
        assertTrue(failure.getMessage().contains("SERVFAIL"), failure.getMessage());
        assertTrue(failure.getMessage().contains("broken.example.com"), failure.getMessage());
    }

    @Test
    void refusedQueryIsReportedAsUnavailable() {
        server.failWith("example.com", Rcode.REFUSED);

        DnsUnavailableException failure = assertThrows(DnsUnavailableException.class, () -> lookup.mx("example.com"));

        assertTrue(failure.getMessage().contains("REFUSED"), failure.getMessage());
    }

    @Test
    void answersAreNotCached() {
        assertEquals(List.of(), lookup.txt("example.com"));

        server.addTxt("example.com", "first");
        assertEquals(List.of("first"), lookup.txt("example.com"));

        server.clear("example.com");
        server.addTxt("example.com", "second");
        assertEquals(List.of("second"), lookup.txt("example.com"));

        server.failWith("example.com", Rcode.SERVFAIL);
        assertThrows(DnsUnavailableException.class, () -> lookup.txt("example.com"));

        server.removeAll();
        assertEquals(List.of(), lookup.txt("example.com"));
        assertEquals(5, server.udpQueries());
    }

    @Test
    void answerTooLargeForUdpIsFetchedOverTcp() {
        List<String> values = IntStream.range(0, 8)
                .mapToObj(i -> i + "-" + "x".repeat(250))
                .toList();
        values.forEach(value -> server.addTxt("big.example.com", value));

        List<String> answer = lookup.txt("big.example.com");

        assertEquals(Set.copyOf(values), Set.copyOf(answer));
        assertEquals(values.size(), answer.size());
        assertEquals(1, server.udpQueries());
        assertEquals(1, server.tcpQueries());
    }

    @Test
    void portNobodyListensOnIsUnavailableWithinTheTimeout() throws IOException {
        int freePort;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            freePort = probe.getLocalPort();
        }
        DnsJavaLookup nobodyThere = new DnsJavaLookup("127.0.0.1:" + freePort, SHORT_TIMEOUT);

        DnsUnavailableException failure = assertTimeoutPreemptively(
                BOUND, () -> assertThrows(DnsUnavailableException.class, () -> nobodyThere.txt("example.com")));

        assertTrue(failure.getMessage().contains("127.0.0.1:" + freePort), failure.getMessage());
        assertTrue(failure.getMessage().contains("example.com"), failure.getMessage());
    }

    @Test
    void serverThatNeverAnswersIsUnavailableAfterTheTimeout() throws IOException {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            DnsJavaLookup silentServer = new DnsJavaLookup("127.0.0.1:" + silent.getLocalPort(), SHORT_TIMEOUT);

            long start = System.nanoTime();
            DnsUnavailableException failure = assertTimeoutPreemptively(
                    BOUND, () -> assertThrows(DnsUnavailableException.class, () -> silentServer.mx("example.com")));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertTrue(waited.compareTo(SHORT_TIMEOUT.minusMillis(50)) >= 0, "gave up after " + waited);
            assertTrue(failure.getMessage().contains("MX query for example.com"), failure.getMessage());
        }
    }

    @Test
    void namesThatAreNotDnsNamesAreRejected() {
        String labelTooLong = "a".repeat(64) + ".example.com";

        assertThrows(IllegalArgumentException.class, () -> lookup.txt(labelTooLong));
        assertThrows(IllegalArgumentException.class, () -> lookup.mx(" "));
    }

    private static String dkimValue(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        String key = IntStream.range(0, length)
                .mapToObj(i -> String.valueOf(alphabet.charAt((i * 7) % alphabet.length())))
                .collect(Collectors.joining());
        return "v=DKIM1; k=rsa; p=" + key;
    }
}
