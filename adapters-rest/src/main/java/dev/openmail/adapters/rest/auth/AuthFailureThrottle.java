package dev.openmail.adapters.rest.auth;

import dev.openmail.domain.access.FailedAuthentications;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Failed authentications (a wrong API key on {@code /v1}, a wrong admin token on {@code /admin}) per client address,
 * by the rule of {@link FailedAuthentications}: beyond the allowance, every request from the address that presents a
 * token is refused with 429 before the token is looked at, until it may fail again. Requests with a good token from
 * other addresses are never slowed down. 0 turns the throttle off.
 *
 * <p>The client address is the TCP peer's: X-Forwarded-For is not trusted, so behind a proxy all clients share the
 * proxy's address.
 */
@Singleton
final class AuthFailureThrottle {

    private final FailedAuthentications failures;

    @Inject
    AuthFailureThrottle(@Value("${openmail.auth-failures-per-minute:20}") int perMinute) {
        this(perMinute, System::nanoTime);
    }

    AuthFailureThrottle(int perMinute, LongSupplier nanoTime) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("openmail.auth-failures-per-minute must be 0 or more, was " + perMinute);
        }
        this.failures = new FailedAuthentications(perMinute, nanoTime);
    }

    /** How long the address must wait before it may try again; empty when it may try now. */
    Optional<Duration> blocked(InetAddress address) {
        return failures.blocked(address);
    }

    /** Counts one failed authentication from the address. */
    void failed(InetAddress address) {
        failures.failed(address);
    }

    static InetAddress clientAddress(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null ? null : remote.getAddress();
    }

    /** Seconds for a Retry-After header, at least one. */
    static long seconds(Duration wait) {
        return FailedAuthentications.seconds(wait);
    }
}
