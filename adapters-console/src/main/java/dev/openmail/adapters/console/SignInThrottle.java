package dev.openmail.adapters.console;

import dev.openmail.domain.access.FailedAuthentications;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * Failed console sign-ins (an unknown or revoked key) per client address, by the rule and the setting that throttle
 * the API's failed authentications ({@code openmail.auth-failures-per-minute}, 0 off), counted apart from the API's in
 * this process. The address is the TCP peer's, as for the API.
 */
@Singleton
final class SignInThrottle {

    private final FailedAuthentications failures;

    SignInThrottle(@Value("${openmail.auth-failures-per-minute:20}") int perMinute) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("openmail.auth-failures-per-minute must be 0 or more, was " + perMinute);
        }
        this.failures = new FailedAuthentications(perMinute, System::nanoTime);
    }

    /** How long the request's address must wait before it may try again; empty when it may try now. */
    Optional<Duration> blocked(HttpRequest<?> request) {
        return failures.blocked(clientAddress(request));
    }

    void failed(HttpRequest<?> request) {
        failures.failed(clientAddress(request));
    }

    private static InetAddress clientAddress(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null ? null : remote.getAddress();
    }
}
