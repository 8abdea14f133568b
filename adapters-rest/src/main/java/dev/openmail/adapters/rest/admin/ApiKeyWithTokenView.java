package dev.openmail.adapters.rest.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openmail.adapters.rest.json.Timestamps;
import dev.openmail.domain.apikey.IssuedApiKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** An account-wide key with its token, which is shown this once. */
@Serdeable
@Schema(name = "ApiKeyWithToken")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApiKeyWithTokenView(String id, @Nullable String name, @Nullable String podId, @Nullable String inboxId,
                                  String tokenPrefix, String last4, String createdAt, @Nullable String lastUsedAt,
                                  String token) {

    public static ApiKeyWithTokenView of(IssuedApiKey issued) {
        return new ApiKeyWithTokenView(issued.key().id().value(),
                issued.key().name() == null ? null : issued.key().name().value(), null, null,
                issued.key().tokenPrefix(), issued.key().last4(), Timestamps.format(issued.key().createdAt()), null,
                issued.token().reveal());
    }
}
