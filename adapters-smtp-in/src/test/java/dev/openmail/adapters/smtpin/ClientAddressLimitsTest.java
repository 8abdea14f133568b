package dev.openmail.adapters.smtpin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-address message allowance, on a clock the test moves. */
class ClientAddressLimitsTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private static InetAddress address(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void anAddressGetsItsMinutesWorthAtOnceThenRefillsEvenly() throws Exception {
        ClientAddressLimits limits = new ClientAddressLimits(new SmtpLimits(0, 6, ""), clock::get);
        InetAddress client = address("203.0.113.1");

        for (int i = 0; i < 6; i++) {
            assertTrue(limits.tryBeginMessage(client), "message " + i);
        }
        assertFalse(limits.tryBeginMessage(client));
        assertTrue(limits.tryBeginMessage(address("203.0.113.2")), "another address has its own allowance");

        clock.addAndGet(TimeUnit.SECONDS.toNanos(9));
        assertFalse(limits.tryBeginMessage(client), "6 a minute is one every 10 s");
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertTrue(limits.tryBeginMessage(client));
        assertFalse(limits.tryBeginMessage(client));
    }

    @Test
    void exemptAddressesAndAZeroLimitAreNotCounted() throws Exception {
        ClientAddressLimits limits = new ClientAddressLimits(new SmtpLimits(0, 1, "198.51.100.0/24"), clock::get);
        for (int i = 0; i < 100; i++) {
            assertTrue(limits.tryBeginMessage(address("198.51.100.77")));
        }
        assertEquals(0, limits.trackedAddresses());

        ClientAddressLimits off = new ClientAddressLimits(new SmtpLimits(0, 0, ""), clock::get);
        for (int i = 0; i < 100; i++) {
            assertTrue(off.tryBeginMessage(address("203.0.113.1")));
        }
    }

    @Test
    void addressesIdleForAMinuteAreForgottenSoMemoryStaysBounded() throws Exception {
        ClientAddressLimits limits = new ClientAddressLimits(new SmtpLimits(0, 10, ""), clock::get);
        for (int i = 0; i < 5000; i++) {
            limits.tryBeginMessage(InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i}));
        }
        assertTrue(limits.trackedAddresses() <= 5000);

        clock.addAndGet(TimeUnit.SECONDS.toNanos(61));
        for (int i = 0; i < 5000; i++) {
            limits.tryBeginMessage(InetAddress.getByAddress(new byte[] {11, 0, (byte) (i >> 8), (byte) i}));
        }

        assertTrue(limits.trackedAddresses() <= 5000 + 1,
                "the first 5,000 were whole again and swept: " + limits.trackedAddresses());
    }
}
