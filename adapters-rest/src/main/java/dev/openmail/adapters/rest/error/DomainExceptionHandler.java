package dev.openmail.adapters.rest.error;

import dev.openmail.domain.common.DomainException;
import io.micronaut.context.annotation.Requirements;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
@Produces
@Requirements(@Requires(classes = {DomainException.class, ExceptionHandler.class}))
final class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<ApiError>> {

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, DomainException exception) {
        return ErrorCatalogue.respond(exception);
    }
}
