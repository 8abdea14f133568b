package dev.openmail.adapters.rest.auth;

import dev.openmail.adapters.rest.auth.KeyRateLimiter.Allowance;
import dev.openmail.adapters.rest.error.ApiError;
import dev.openmail.adapters.rest.error.ErrorCatalogue;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.UnauthorizedException;
import dev.openmail.domain.port.in.AuthenticateApiKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * Every {@code /v1} request, and every request to the MCP server at {@code /mcp}, must carry an API key, within its
 * key's rate; the key's caller is handed to the controllers.
 * Every answer to a key's request carries X-RateLimit-Limit (the burst), X-RateLimit-Remaining (what is left of it) and
 * X-RateLimit-Reset (seconds until it is whole again); a refused one is a 429 with Retry-After in seconds.
 *
 * <p>Not {@code /v1/ws}: the event stream takes its key also from {@code ?token=} and answers a bad one with close code
 * 4001 ({@code EventSocket}). Its upgrade must also stay on the event loop: a filter that moves the request to another
 * thread lets the client's first frame reach the HTTP pipeline before the upgrade has replaced it, and it is lost.
 */
@ServerFilter(patternStyle = FilterPatternStyle.REGEX, value = "^/+(?:v1(?!/+ws/*$)(?:/.*)?|mcp/*)$")
@Order(CallerAttribute.FILTER_ORDER)
final class ApiKeyFilter {

    private static final String ALLOWANCE = "openmail.rate-limit.allowance";

    private final AuthenticateApiKey authenticate;
    private final KeyRateLimiter rateLimiter;
    private final AuthFailureThrottle failures;

    ApiKeyFilter(AuthenticateApiKey authenticate, KeyRateLimiter rateLimiter, AuthFailureThrottle failures) {
        this.authenticate = authenticate;
        this.rateLimiter = rateLimiter;
        this.failures = failures;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    MutableHttpResponse<ApiError> authenticate(HttpRequest<?> request) {
        String token = BearerToken.of(request).orElse(null);
        if (token == null) {
            return BearerToken.challenge(ErrorCatalogue.respond(new UnauthorizedException(
                    "Missing API key; send the header Authorization: Bearer <your API key>.")));
        }
        InetAddress client = AuthFailureThrottle.clientAddress(request);
        Optional<Duration> wait = failures.blocked(client);
        if (wait.isPresent()) {
            return tooManyFailures(wait.get());
        }
        Caller caller;
        try {
            caller = authenticate.authenticate(token);
        } catch (UnauthorizedException refused) {
            failures.failed(client);
            return BearerToken.challenge(ErrorCatalogue.respond(refused));
        }
        Optional<Allowance> allowance = rateLimiter.acquire(caller);
        if (allowance.isPresent() && !allowance.get().granted()) {
            long seconds = allowance.get().retryAfterSeconds();
            return withRateLimitHeaders(ErrorCatalogue.respond(HttpStatus.TOO_MANY_REQUESTS,
                    ErrorCatalogue.codeForStatus(HttpStatus.TOO_MANY_REQUESTS),
                    "Too many requests with this API key or its account; retry after " + seconds + " s. Each key"
                            + " and each account has its own limit, so other tenants are not slowed down."), allowance.get())
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        }
        allowance.ifPresent(granted -> request.setAttribute(ALLOWANCE, granted));
        request.setAttribute(CallerAttribute.NAME, caller);
        return null;
    }

    /** The answer to a request from an address that has failed to authenticate too often of late. */
    static MutableHttpResponse<ApiError> tooManyFailures(Duration wait) {
        long seconds = AuthFailureThrottle.seconds(wait);
        return ErrorCatalogue.respond(HttpStatus.TOO_MANY_REQUESTS,
                        ErrorCatalogue.codeForStatus(HttpStatus.TOO_MANY_REQUESTS),
                        "Too many failed authentications from this address; retry after " + seconds + " s.")
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
    }

    /** Every answer to a request that a key's allowance let through says what is left of it, errors included. */
    @ResponseFilter
    void tellTheAllowance(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(ALLOWANCE, Allowance.class).ifPresent(allowance -> withRateLimitHeaders(response, allowance));
    }

    private static <T> MutableHttpResponse<T> withRateLimitHeaders(MutableHttpResponse<T> response, Allowance allowance) {
        return response.header("X-RateLimit-Limit", String.valueOf(allowance.limit()))
                .header("X-RateLimit-Remaining", String.valueOf(allowance.remaining()))
                .header("X-RateLimit-Reset", String.valueOf(allowance.resetSeconds()));
    }
}
