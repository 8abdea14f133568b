package dev.openmail.domain.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The address rule on its own: which addresses are on the public internet. */
class PublicAddressesTest {

    @ParameterizedTest(name = "{0} is public")
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.215.14", "100.63.255.255", "100.128.0.0", "172.15.255.255",
            "172.32.0.0", "169.253.255.255", "192.0.1.1", "192.167.255.255", "198.17.255.255", "198.20.0.0",
            "223.255.255.255", "11.0.0.1", "2606:4700::1111", "2001:4860:4860::8888", "2a00:1450:4001:80b::200e",
            "64:ff9b::808:808", "2002:808:808::1", "2001:200::1"})
    void publicAddressesAreAllowed(String literal) throws UnknownHostException {
        PublicAddresses.Classification classification = PublicAddresses.classify(InetAddress.getByName(literal));

        assertEquals(AddressKind.PUBLIC, classification.kind(), classification::describe);
        assertTrue(PublicAddresses.isPublic(InetAddress.getByName(literal)));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "127.0.0.1, LOOPBACK", "127.255.255.254, LOOPBACK", "::1, LOOPBACK",
            "0.0.0.0, UNSPECIFIED", "0.1.2.3, UNSPECIFIED", "::, UNSPECIFIED",
            "169.254.0.1, LINK_LOCAL", "169.254.169.254, LINK_LOCAL", "fe80::1, LINK_LOCAL", "febf::1, LINK_LOCAL",
            "10.0.0.5, PRIVATE", "10.255.255.255, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE",
            "192.168.1.1, PRIVATE", "fec0::1, PRIVATE", "64:ff9b:1::1, PRIVATE",
            "100.64.0.1, SHARED", "100.127.255.255, SHARED",
            "fc00::1, UNIQUE_LOCAL", "fd00::2, UNIQUE_LOCAL", "fd00:ec2::254, UNIQUE_LOCAL",
            "224.0.0.1, MULTICAST", "239.255.255.250, MULTICAST", "ff02::1, MULTICAST", "ff0e::1, MULTICAST",
            "255.255.255.255, BROADCAST",
            "240.0.0.1, RESERVED", "254.1.2.3, RESERVED", "192.0.0.8, RESERVED", "192.0.0.170, RESERVED",
            "192.88.99.1, RESERVED", "100::1, RESERVED", "2001::1, RESERVED", "2001:1ff::1, RESERVED",
            "::1.2.3.4, RESERVED", "1::1, RESERVED", "4000::1, RESERVED",
            "198.18.0.1, BENCHMARKING", "198.19.255.255, BENCHMARKING", "2001:2::1, BENCHMARKING",
            "192.0.2.1, DOCUMENTATION", "198.51.100.7, DOCUMENTATION", "203.0.113.9, DOCUMENTATION",
            "2001:db8::1, DOCUMENTATION", "3fff::1, DOCUMENTATION", "3fff:fff::1, DOCUMENTATION",
            "64:ff9b::7f00:1, LOOPBACK", "64:ff9b::a00:5, PRIVATE", "64:ff9b::a9fe:a9fe, LINK_LOCAL",
            "2002:7f00:1::, LOOPBACK", "2002:a9fe:a9fe::1, LINK_LOCAL", "2002:c0a8:101::, PRIVATE",
            "2002:e000:1::, MULTICAST"})
    void everyOtherKindIsRefused(String literal, AddressKind kind) throws UnknownHostException {
        PublicAddresses.Classification classification = PublicAddresses.classify(InetAddress.getByName(literal));

        assertEquals(kind, classification.kind(), classification::describe);
    }

    /**
     * {@code InetAddress} turns an IPv4-mapped literal into the IPv4 address itself; built from its sixteen bytes
     * (as an IPv6 socket could see it), the mapped form is judged by the address it carries.
     */
    @ParameterizedTest(name = "::ffff:{0} is {1}")
    @CsvSource({"127.0.0.1, LOOPBACK", "10.0.0.5, PRIVATE", "169.254.169.254, LINK_LOCAL", "0.0.0.0, UNSPECIFIED",
            "100.64.1.1, SHARED", "224.0.0.1, MULTICAST", "8.8.8.8, PUBLIC"})
    void anIpv4MappedAddressIsJudgedByTheAddressItCarries(String v4, AddressKind kind) throws UnknownHostException {
        byte[] four = InetAddress.getByName(v4).getAddress();
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(four, 0, mapped, 12, 4);
        Inet6Address address = Inet6Address.getByAddress(null, mapped, -1);

        PublicAddresses.Classification classification = PublicAddresses.classify(address);

        assertEquals(kind, classification.kind(), classification::describe);
        assertEquals(InetAddress.getByName(v4), classification.embedded());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "10.0.0.5|10.0.0.5 is a private address",
            "169.254.169.254|169.254.169.254 is a link-local address",
            "64:ff9b::a00:5|64:ff9b:0:0:0:0:a00:5 is a private address (it embeds 10.0.0.5)"})
    void theDescriptionNamesTheAddressAndItsKind(String literal, String description) throws UnknownHostException {
        assertEquals(description, PublicAddresses.classify(InetAddress.getByName(literal)).describe());
    }
}
