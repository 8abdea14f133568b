package dev.openmail.adapters.rest.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openmail.adapters.rest.apikey.ApiKeyWithTokenView;
import dev.openmail.adapters.rest.json.Timestamps;
import dev.openmail.adapters.rest.pod.PodView;
import dev.openmail.domain.port.in.ProvisionedAccount;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

@Serdeable
@Schema(name = "OpenedAccount")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OpenedAccountView(String id, @Nullable String name, int inboxLimit, String createdAt, PodView defaultPod,
                                ApiKeyWithTokenView apiKey, boolean dropSpoofedLocalMail,
                                @Nullable Long storageQuotaBytes) {

    public static OpenedAccountView of(ProvisionedAccount provisioned) {
        return new OpenedAccountView(provisioned.account().id().value(),
                provisioned.account().name() == null ? null : provisioned.account().name().value(),
                provisioned.account().inboxLimit().value(), Timestamps.format(provisioned.account().createdAt()),
                PodView.of(provisioned.defaultPod()), ApiKeyWithTokenView.of(provisioned.apiKey()),
                provisioned.account().dropSpoofedLocalMail(),
                provisioned.account().storageQuotaOrNull() == null ? null
                        : provisioned.account().storageQuotaOrNull().bytes());
    }
}
