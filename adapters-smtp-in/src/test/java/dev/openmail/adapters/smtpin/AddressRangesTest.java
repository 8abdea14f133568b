package dev.openmail.adapters.smtpin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressRangesTest {

    @Test
    void matchesSingleAddressesAndRangesOfBothFamilies() throws Exception {
        AddressRanges ranges = AddressRanges.parse(" 192.0.2.7, 10.0.0.0/8 ,, 198.51.100.128/25, 2001:db8::/32, [::1]");

        assertTrue(ranges.contains(InetAddress.getByName("192.0.2.7")));
        assertFalse(ranges.contains(InetAddress.getByName("192.0.2.8")));
        assertTrue(ranges.contains(InetAddress.getByName("10.255.1.2")));
        assertFalse(ranges.contains(InetAddress.getByName("11.0.0.1")));
        assertTrue(ranges.contains(InetAddress.getByName("198.51.100.200")));
        assertFalse(ranges.contains(InetAddress.getByName("198.51.100.127")));
        assertTrue(ranges.contains(InetAddress.getByName("2001:db8:1::5")));
        assertFalse(ranges.contains(InetAddress.getByName("2001:db9::5")));
        assertTrue(ranges.contains(InetAddress.getByName("::1")));
        assertFalse(ranges.contains(InetAddress.getByName("127.0.0.1")));
    }

    @Test
    void anEmptyListMatchesNothingAndZeroPrefixMatchesEverything() throws Exception {
        assertFalse(AddressRanges.parse("").contains(InetAddress.getByName("127.0.0.1")));
        assertFalse(AddressRanges.parse(null).contains(InetAddress.getByName("127.0.0.1")));
        assertTrue(AddressRanges.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9")));
    }

    @Test
    void refusesNamesAndMalformedRanges() {
        for (String bad : new String[] {"localhost", "10.0.0.0/33", "10.0.0.0/x", "::1/129", "1.2.3", "mx.example"}) {
            assertThrows(IllegalArgumentException.class, () -> AddressRanges.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new SmtpLimits(1, 1, "not-an-address"));
    }
}
