package dev.openmail.adapters.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.adapters.dns.testing.InProcessDnsServer;
import dev.openmail.domain.port.out.DnsLookup;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DnsServerConfigurationTest {

    @Test
    void hostAndPort() throws IOException {
        assertEquals(
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5353),
                DnsJavaLookup.parseServerAddress("127.0.0.1:5353"));
    }

    @Test
    void hostAloneMeansPort53() throws IOException {
        assertEquals(
                new InetSocketAddress(InetAddress.getByName("10.0.0.2"), 53),
                DnsJavaLookup.parseServerAddress("10.0.0.2"));
    }

    @Test
    void hostNameIsResolvedOnce() {
        InetSocketAddress server = DnsJavaLookup.parseServerAddress("localhost:1053");

        assertTrue(server.getAddress().isLoopbackAddress(), server.toString());
        assertEquals(1053, server.getPort());
    }

    @Test
    void surroundingBlanksAreIgnored() throws IOException {
        assertEquals(
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 53),
                DnsJavaLookup.parseServerAddress(" 127.0.0.1:53 "));
    }

    @Test
    void bracketedIpv6AddressWithPort() throws IOException {
        assertEquals(
                new InetSocketAddress(InetAddress.getByName("::1"), 5353),
                DnsJavaLookup.parseServerAddress("[::1]:5353"));
    }

    @Test
    void ipv6AddressAloneMeansPort53() throws IOException {
        InetSocketAddress expected = new InetSocketAddress(InetAddress.getByName("2001:db8::53"), 53);

        assertEquals(expected, DnsJavaLookup.parseServerAddress("[2001:db8::53]"));
        assertEquals(expected, DnsJavaLookup.parseServerAddress("2001:db8::53"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "dns.example:", ":53", "dns.example:abc", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:+53", "[::1",
        "[::1]5353", "[dns.example]:53", "[::1]:", "dns server", "1:2:3", "udp://127.0.0.1:53", "dns.example:53:54"
    })
    void anythingElseIsRejectedAtConstructionWithTheSettingAndValueNamed(String value) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> new DnsJavaLookup(value));

        assertTrue(failure.getMessage().contains("openmail.dns-server"), failure.getMessage());
        assertTrue(failure.getMessage().contains("'" + value + "'"), failure.getMessage());
    }

    @Test
    void configuredServerIsNamed() {
        assertEquals("DnsJavaLookup(DNS server 127.0.0.1:5353)", new DnsJavaLookup("127.0.0.1:5353").toString());
        assertEquals("DnsJavaLookup(DNS server [0:0:0:0:0:0:0:1]:53)", new DnsJavaLookup("[::1]").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankSettingAsksTheSystemResolvers(String value) {
        assertTrue(new DnsJavaLookup(value).toString().startsWith("DnsJavaLookup(system resolvers ["));
    }

    @Test
    void beanAsksTheServerNamedByTheProperty() throws IOException {
        try (InProcessDnsServer server = InProcessDnsServer.start();
             ApplicationContext context = ApplicationContext.run(Map.of("openmail.dns-server", server.address()))) {
            server.addTxt("example.com", "openmail-verification=abc");

            DnsLookup lookup = context.getBean(DnsLookup.class);

            assertEquals(List.of("openmail-verification=abc"), lookup.txt("example.com"));
        }
    }

    @Test
    void beanWithoutThePropertyAsksTheSystemResolvers() {
        // without the environment, so that an OPENMAIL_DNS_SERVER set on the machine running the tests does not count
        try (ApplicationContext context = ApplicationContext.builder().environmentPropertySource(false).start()) {
            assertTrue(context.getBean(DnsLookup.class).toString().startsWith("DnsJavaLookup(system resolvers ["));
        }
    }
}
