package dev.openmail.bootstrap;

import dev.openmail.adapters.persistence.SqlErrors;
import dev.openmail.adapters.rest.error.ApiError;
import dev.openmail.adapters.rest.error.ErrorCatalogue;
import dev.openmail.domain.common.DatabaseUnavailableException;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a database failure that escaped the use cases' {@code Transactions} (a read made outside one, such as the
 * lookups before a send's transaction) when its connection broke: 503 {@code database_unavailable} with
 * {@code Retry-After}, as the transactions answer, instead of 500. Nothing was written by such a read, so the client may
 * repeat the request. Any other database failure stays a 500, logged with its cause.
 */
final class DatabaseFailureHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFailureHandler.class);

    private DatabaseFailureHandler() {
    }

    static HttpResponse<ApiError> answer(HttpRequest<?> request, RuntimeException failure) {
        if (SqlErrors.isConnectionLost(failure)) {
            LOG.warn("{} {}: the database connection broke outside a transaction; answering 503", request.getMethod(),
                    request.getPath(), failure);
            return ErrorCatalogue.respond(new DatabaseUnavailableException());
        }
        LOG.error("Unexpected error occurred: {} {}", request.getMethod(), request.getPath(), failure);
        return ErrorCatalogue.respond(HttpStatus.INTERNAL_SERVER_ERROR,
                ErrorCatalogue.codeForStatus(HttpStatus.INTERNAL_SERVER_ERROR),
                ErrorCatalogue.messageForStatus(HttpStatus.INTERNAL_SERVER_ERROR));
    }

    /** Micronaut Data's failure of a statement. */
    @Singleton
    @Produces
    static final class OfStatements implements ExceptionHandler<DataAccessException, HttpResponse<ApiError>> {

        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, DataAccessException exception) {
            return answer(request, exception);
        }
    }

    /** Micronaut Data's failure to get or set up a connection. */
    @Singleton
    @Produces
    static final class OfConnections implements ExceptionHandler<ConnectionException, HttpResponse<ApiError>> {

        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, ConnectionException exception) {
            return answer(request, exception);
        }
    }
}
