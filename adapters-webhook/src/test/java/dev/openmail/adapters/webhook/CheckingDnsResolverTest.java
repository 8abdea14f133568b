package dev.openmail.adapters.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** What the connection manager gets to connect to: only what the rule permits. */
class CheckingDnsResolverTest {

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void aNameResolvingToAMixGivesOnlyItsPublicAddresses() throws Exception {
        InetAddress[] mixed = {ip("127.0.0.1"), ip("8.8.8.8"), ip("10.0.0.5"), ip("2606:4700::1111"), ip("fd00::2")};
        try (CheckingDnsResolver resolver = new CheckingDnsResolver(host -> mixed, new TargetRule(false),
                Duration.ofSeconds(5))) {
            assertArrayEquals(new InetAddress[] {ip("8.8.8.8"), ip("2606:4700::1111")}, resolver.resolve("mixed.example"));
            assertEquals(List.of(new InetSocketAddress(ip("8.8.8.8"), 443), new InetSocketAddress(ip("2606:4700::1111"), 443)),
                    resolver.resolve("mixed.example", 443));
        }
    }

    @Test
    void aNameWithNoPublicAddressIsRefused() throws Exception {
        InetAddress[] internal = {ip("10.0.0.5"), ip("169.254.169.254")};
        try (CheckingDnsResolver resolver = new CheckingDnsResolver(host -> internal, new TargetRule(false),
                Duration.ofSeconds(5))) {
            RefusedTargetException refused = assertThrows(RefusedTargetException.class,
                    () -> resolver.resolve("internal.example"));
            assertEquals("refused: internal.example resolves to no public address (10.0.0.5 is a private address); "
                    + "set OPENMAIL_WEBHOOK_ALLOW_PRIVATE_TARGETS=true to allow private targets", refused.getMessage());
        }
    }

    @Test
    void aNameWithOneInternalAddressIsRefusedNamingIt() throws Exception {
        try (CheckingDnsResolver resolver = new CheckingDnsResolver(host -> new InetAddress[] {ip("127.0.0.1")},
                new TargetRule(false), Duration.ofSeconds(5))) {
            RefusedTargetException refused = assertThrows(RefusedTargetException.class,
                    () -> resolver.resolve("rebound.example"));
            assertEquals("refused: rebound.example resolves to 127.0.0.1, a loopback address; "
                    + "set OPENMAIL_WEBHOOK_ALLOW_PRIVATE_TARGETS=true to allow private targets", refused.getMessage());
        }
    }

    @Test
    void anEmptyAnswerIsRefused() throws Exception {
        try (CheckingDnsResolver resolver = new CheckingDnsResolver(host -> new InetAddress[0], new TargetRule(false),
                Duration.ofSeconds(5))) {
            assertThrows(RefusedTargetException.class, () -> resolver.resolve("empty.example"));
        }
    }

    @Test
    void privateAddressesPassWhenAllowed() throws Exception {
        InetAddress[] internal = {ip("10.0.0.5"), ip("127.0.0.1")};
        try (CheckingDnsResolver resolver = new CheckingDnsResolver(host -> internal, new TargetRule(true),
                Duration.ofSeconds(5))) {
            assertArrayEquals(internal, resolver.resolve("internal.example"));
        }
    }

    @Test
    void aHangingLookupGivesUpAtTheDeadline() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (CheckingDnsResolver resolver = new CheckingDnsResolver(host -> {
            try {
                never.await();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        }, new TargetRule(false), Duration.ofSeconds(30))) {
            long start = System.nanoTime();
            resolver.setDeadline(start + Duration.ofMillis(300).toNanos());
            try {
                UnknownHostException slow = assertThrows(UnknownHostException.class, () -> resolver.resolve("slow.example"));
                assertTrue(slow.getMessage().contains("timed out"), slow.getMessage());
                assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5_000);
            } finally {
                resolver.clearDeadline();
                never.countDown();
            }
        }
    }
}
