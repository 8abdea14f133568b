package dev.openmail.adapters.rest.auth;

import dev.openmail.adapters.rest.error.ApiError;
import dev.openmail.adapters.rest.error.ErrorCatalogue;
import dev.openmail.domain.common.UnauthorizedException;
import dev.openmail.domain.port.in.AuthenticateApiKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** Every {@code /v1} request must carry an API key; the key's caller is handed to the controllers. */
@ServerFilter("/v1/**")
final class ApiKeyFilter {

    private final AuthenticateApiKey authenticate;

    ApiKeyFilter(AuthenticateApiKey authenticate) {
        this.authenticate = authenticate;
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
        try {
            request.setAttribute(CallerAttribute.NAME, authenticate.authenticate(token));
            return null;
        } catch (UnauthorizedException refused) {
            return BearerToken.challenge(ErrorCatalogue.respond(refused));
        }
    }
}
