package dev.openmail.adapters.rest.error;

import io.micronaut.serde.annotation.Serdeable;

/** The body of every error response: a stable snake_case code and a sentence that tells the client what to do. */
@Serdeable
public record ApiError(String error, String message) {
}
