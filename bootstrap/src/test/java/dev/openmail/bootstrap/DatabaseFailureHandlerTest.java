package dev.openmail.bootstrap;

import dev.openmail.adapters.rest.error.ApiError;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A database failure outside a transaction: 503 when its connection broke, else the usual 500. */
class DatabaseFailureHandlerTest {

    private static final HttpRequest<?> REQUEST = HttpRequest.GET("/v1/inboxes/inb_1/send");

    @Test
    void aBrokenConnectionIsAnswered503WithRetryAfter() {
        for (RuntimeException failure : new RuntimeException[] {
                new DataAccessException("Error executing SQL Query", new SQLException("Communications link failure", "08S01")),
                new ConnectionException("Could not set read-only", new SQLNonTransientConnectionException("closed"))}) {
            HttpResponse<ApiError> response = DatabaseFailureHandler.answer(REQUEST, failure);

            assertEquals(HttpStatus.SERVICE_UNAVAILABLE, response.getStatus(), failure.toString());
            assertEquals("database_unavailable", response.body().error());
            assertEquals("1", response.getHeaders().get("Retry-After"));
        }
    }

    @Test
    void anyOtherDatabaseFailureIsAnInternalError() {
        HttpResponse<ApiError> response = DatabaseFailureHandler.answer(REQUEST,
                new DataAccessException("Error executing SQL Query", new SQLException("Unknown column", "42S22", 1054)));

        assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, response.getStatus());
        assertEquals("internal_error", response.body().error());
    }
}
