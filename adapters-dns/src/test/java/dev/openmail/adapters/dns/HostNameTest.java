package dev.openmail.adapters.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The host-name rule of OPENMAIL_DNS_SERVER, checked by a scan in time linear in the name, and without recursion. */
class HostNameTest {

    /** The regular expression the scan replaced, for comparison on short names. */
    private static final Pattern AS_BEFORE =
            Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\\.?");

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "dns", "a", "ns1.example.org", "ns1.example.org.", "_dns.x-y.example", "1.2.3.4",
            "a-b.c_d"})
    void hostNamesAreAccepted(String host) {
        assertTrue(DnsJavaLookup.isHostName(host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a..b", ".a", "a.b..", "-a", "a-", "a.-b", "a.b-", "a b", "a/b", "ä.example",
            "a.b.-"})
    void otherTextIsRefused(String host) {
        assertFalse(DnsJavaLookup.isHostName(host));
    }

    @Test
    void agreesWithTheRegularExpressionOnShortNames() {
        Random random = new Random(42);
        String alphabet = "a-._Z9.-";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder host = new StringBuilder();
            for (int length = random.nextInt(9); length > 0; length--) {
                host.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = host.toString();
            assertEquals(AS_BEFORE.matcher(text).matches(), DnsJavaLookup.isHostName(text), text);
        }
    }

    /** The regular expression overflowed the stack on a few thousand labels. */
    @Test
    void aMegabyteOfLabelsIsCheckedQuickly() {
        String labels = "a.".repeat(500_000);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertTrue(DnsJavaLookup.isHostName(labels));
            assertFalse(DnsJavaLookup.isHostName(labels + "-"));
            assertFalse(DnsJavaLookup.isHostName("a-".repeat(500_000)));
        });
    }
}
