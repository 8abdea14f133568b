package dev.openmail.adapters.rest.auth;

import dev.openmail.adapters.rest.error.ApiError;
import dev.openmail.adapters.rest.error.ErrorCatalogue;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.UnauthorizedException;
import dev.openmail.domain.port.in.AuthenticateApiKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Duration;
import java.util.Optional;

/** Every {@code /v1} request must carry an API key, within its key's rate; the key's caller is handed to the controllers. */
@ServerFilter("/v1/**")
final class ApiKeyFilter {

    private final AuthenticateApiKey authenticate;
    private final KeyRateLimiter rateLimiter;

    ApiKeyFilter(AuthenticateApiKey authenticate, KeyRateLimiter rateLimiter) {
        this.authenticate = authenticate;
        this.rateLimiter = rateLimiter;
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
        Caller caller;
        try {
            caller = authenticate.authenticate(token);
        } catch (UnauthorizedException refused) {
            return BearerToken.challenge(ErrorCatalogue.respond(refused));
        }
        Optional<Duration> wait = rateLimiter.acquire(caller.keyId());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            return ErrorCatalogue.respond(HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
                    "Too many requests with this API key; retry after " + seconds + " s. Each key has its own limit,"
                            + " so other keys are not slowed down.")
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        }
        request.setAttribute(CallerAttribute.NAME, caller);
        return null;
    }
}
