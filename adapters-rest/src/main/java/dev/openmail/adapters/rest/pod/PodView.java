package dev.openmail.adapters.rest.pod;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.openmail.adapters.rest.json.Timestamps;
import dev.openmail.domain.pod.Pod;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

@Serdeable
@Schema(name = "Pod")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PodView(String id, @Nullable String clientId, @Nullable String name,
                      @JsonProperty("isDefault") boolean isDefault, @Schema(format = "date-time") String createdAt) {

    public static PodView of(Pod pod) {
        return new PodView(pod.id().value(), pod.clientId() == null ? null : pod.clientId().value(),
                pod.name() == null ? null : pod.name().value(), pod.isDefault(), Timestamps.format(pod.createdAt()));
    }
}
