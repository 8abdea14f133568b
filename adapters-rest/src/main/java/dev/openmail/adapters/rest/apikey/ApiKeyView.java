package dev.openmail.adapters.rest.apikey;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openmail.adapters.rest.json.Timestamps;
import dev.openmail.domain.apikey.ApiKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** A key as listings show it: never its token, only the token's visible prefix and last four characters. */
@Serdeable
@Schema(name = "ApiKey")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApiKeyView(String id, @Nullable String name, @Nullable String podId, @Nullable String inboxId,
                         String tokenPrefix, String last4, String createdAt, @Nullable String lastUsedAt) {

    public static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(key.id().value(), key.name() == null ? null : key.name().value(),
                key.scope().podOrNull() == null ? null : key.scope().podOrNull().value(),
                key.scope().inboxOrNull() == null ? null : key.scope().inboxOrNull().value(),
                key.tokenPrefix(), key.last4(), Timestamps.format(key.createdAt()), Timestamps.format(key.lastUsedAt()));
    }
}
