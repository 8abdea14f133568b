package dev.openmail.adapters.rest.suppression;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openmail.adapters.rest.json.Timestamps;
import dev.openmail.domain.suppression.Suppression;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** A suppression on the wire; podId is the pod whose mail caused it, null for one the account added. */
@Serdeable
@Schema(name = "Suppression")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SuppressionView(String address, @Schema(allowableValues = {"bounce", "complaint", "unsub"}) String type,
                              @Nullable String reason, @Nullable String podId, String createdAt) {

    static SuppressionView of(Suppression suppression) {
        return new SuppressionView(suppression.address(), suppression.type().wire(), suppression.reasonOrNull(),
                suppression.podOrNull() == null ? null : suppression.podOrNull().value(),
                Timestamps.format(suppression.createdAt()));
    }
}
