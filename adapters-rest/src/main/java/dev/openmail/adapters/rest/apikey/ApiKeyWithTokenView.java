package dev.openmail.adapters.rest.apikey;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openmail.domain.apikey.IssuedApiKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** A key with its token, which is shown this once. */
@Serdeable
@Schema(name = "ApiKeyWithToken")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApiKeyWithTokenView(String id, @Nullable String name, @Nullable String podId, @Nullable String inboxId,
                                  String tokenPrefix, String last4, String createdAt, @Nullable String lastUsedAt,
                                  String token) {

    public static ApiKeyWithTokenView of(IssuedApiKey issued) {
        ApiKeyView key = ApiKeyView.of(issued.key());
        return new ApiKeyWithTokenView(key.id(), key.name(), key.podId(), key.inboxId(), key.tokenPrefix(), key.last4(),
                key.createdAt(), key.lastUsedAt(), issued.token().reveal());
    }
}
