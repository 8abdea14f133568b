package dev.openmail.adapters.rest.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.netty.handler.codec.DecoderException;
import jakarta.inject.Singleton;

/** A body that does not match its Content-Encoding (say, "gzip" over plain text) is the client's mistake, not ours. */
@Singleton
@Produces
final class UndecodableBodyHandler implements ExceptionHandler<DecoderException, HttpResponse<ApiError>> {

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, DecoderException exception) {
        return ErrorCatalogue.respond(HttpStatus.BAD_REQUEST, ErrorCatalogue.codeForStatus(HttpStatus.BAD_REQUEST),
                "The request body could not be decoded as its Content-Encoding says; send it unencoded or encoded as declared.");
    }
}
