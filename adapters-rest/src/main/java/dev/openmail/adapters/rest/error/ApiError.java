package dev.openmail.adapters.rest.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of every error response: a stable snake_case code and a sentence that tells the client what to do. A
 * refusal with a kind of its own says it in {@code type} ({@code recipient_suppressed}: bounce, complaint or unsub);
 * other errors leave it out.
 */
@Serdeable
@Schema(name = "Error")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApiError(String error,
                       @Nullable @JsonInclude(JsonInclude.Include.NON_NULL)
                       @Schema(description = "For recipient_suppressed: bounce, complaint or unsub") String type,
                       String message) {

    public ApiError(String error, String message) {
        this(error, null, message);
    }
}
