package dev.openmail.adapters.rest.senderrule;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openmail.adapters.rest.json.Timestamps;
import dev.openmail.domain.senderrule.SenderRule;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** A sender rule on the wire; podId is null for an account-wide rule. */
@Serdeable
@Schema(name = "SenderRule")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SenderRuleView(String id, @Schema(allowableValues = {"block", "allow"}) String type, String value,
                             @Nullable String podId, String createdAt) {

    static SenderRuleView of(SenderRule rule) {
        return new SenderRuleView(rule.id().value(), rule.type().wire(), rule.value(),
                rule.podOrNull() == null ? null : rule.podOrNull().value(), Timestamps.format(rule.createdAt()));
    }
}
