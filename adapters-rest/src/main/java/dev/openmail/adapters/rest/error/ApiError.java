package dev.openmail.adapters.rest.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of every error response: a stable snake_case code and a sentence that tells the client what to do. */
@Serdeable
@Schema(name = "Error")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApiError(String error, String message) {
}
