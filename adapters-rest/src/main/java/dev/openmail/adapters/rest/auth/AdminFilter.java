package dev.openmail.adapters.rest.auth;

import dev.openmail.adapters.rest.error.ApiError;
import dev.openmail.adapters.rest.error.ErrorCatalogue;
import dev.openmail.domain.common.UnauthorizedException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;

/**
 * Guards the operator API with the installation's admin token. Without a configured token the operator API does not
 * exist, and its routes answer exactly as unknown routes do.
 */
@ServerFilter("/admin/**")
final class AdminFilter {

    private final byte[] adminToken;
    private final AuthFailureThrottle failures;

    AdminFilter(@Value("${openmail.admin-token:}") String adminToken, AuthFailureThrottle failures) {
        this.adminToken = adminToken == null || adminToken.isBlank() ? null : adminToken.strip().getBytes(StandardCharsets.UTF_8);
        this.failures = failures;
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<ApiError> authorize(HttpRequest<?> request) {
        if (adminToken == null) {
            return ErrorCatalogue.respond(HttpStatus.NOT_FOUND, ErrorCatalogue.codeForStatus(HttpStatus.NOT_FOUND),
                    ErrorCatalogue.messageForStatus(HttpStatus.NOT_FOUND));
        }
        byte[] presented = BearerToken.of(request).map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
        InetAddress client = AuthFailureThrottle.clientAddress(request);
        if (presented != null) {
            Optional<Duration> wait = failures.blocked(client);
            if (wait.isPresent()) {
                return ApiKeyFilter.tooManyFailures(wait.get());
            }
        }
        if (presented == null || !MessageDigest.isEqual(presented, adminToken)) {
            if (presented != null) {
                failures.failed(client);
            }
            return BearerToken.challenge(ErrorCatalogue.respond(new UnauthorizedException(
                    "The operator API takes the admin token (OPENMAIL_ADMIN_TOKEN) as Authorization: Bearer <token>;"
                            + " API keys are not accepted here.")));
        }
        return null;
    }
}
