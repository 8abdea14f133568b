package dev.openmail.adapters.rest.error;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Gives the errors the framework raises by itself (no route, wrong method, wrong content type, body too large,
 * unexpected failures) the same {@code {"error","message"}} body as the API's own errors, whatever the client accepts.
 */
@Singleton
@Primary
final class ApiErrorResponseProcessor implements ErrorResponseProcessor<ApiError> {

    @Override
    public MutableHttpResponse<ApiError> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        @SuppressWarnings("unchecked")
        MutableHttpResponse<ApiError> typed = (MutableHttpResponse<ApiError>) response;
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return typed;
        }
        return typed.contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ApiError(ErrorCatalogue.codeForStatus(status), ErrorCatalogue.messageForStatus(status)));
    }
}
