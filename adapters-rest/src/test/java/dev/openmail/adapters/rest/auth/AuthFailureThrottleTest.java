package dev.openmail.adapters.rest.auth;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthFailureThrottleTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void anAddressIsBlockedAfterItsFailuresAndMayTryAgainAsTheyAge() throws Exception {
        AuthFailureThrottle throttle = new AuthFailureThrottle(20, nanos::get);
        InetAddress guesser = InetAddress.getByName("203.0.113.5");
        InetAddress other = InetAddress.getByName("203.0.113.6");

        for (int i = 0; i < 19; i++) {
            throttle.failed(guesser);
            assertEquals(Optional.empty(), throttle.blocked(guesser), "failure " + i);
        }
        throttle.failed(guesser);

        assertEquals(Optional.of(Duration.ofSeconds(3)), throttle.blocked(guesser), "20 a minute: one back every 3 s");
        assertEquals(3, AuthFailureThrottle.seconds(throttle.blocked(guesser).orElseThrow()));
        assertEquals(Optional.empty(), throttle.blocked(other), "another address is not blocked");

        nanos.addAndGet(Duration.ofSeconds(3).toNanos());
        assertEquals(Optional.empty(), throttle.blocked(guesser));
        throttle.failed(guesser);
        assertTrue(throttle.blocked(guesser).isPresent());
    }

    @Test
    void zeroTurnsItOff() throws Exception {
        AuthFailureThrottle throttle = new AuthFailureThrottle(0, nanos::get);
        InetAddress guesser = InetAddress.getByName("203.0.113.5");
        for (int i = 0; i < 1000; i++) {
            throttle.failed(guesser);
        }
        assertEquals(Optional.empty(), throttle.blocked(guesser));
    }
}
