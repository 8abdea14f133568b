package dev.openmail.adapters.rest.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openmail.domain.mail.SendLimitOverrides;
import dev.openmail.domain.mail.SendLimits;
import dev.openmail.domain.port.in.ManageSendLimits;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** An account's send limits: those in force, and the operator's overrides among them. */
@Serdeable
@Schema(name = "SendLimits")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SendLimitsView(String accountId,
                             @Schema(description = "The limits in force for the account; 0 is no cap.")
                             Values effective,
                             @Schema(description = "The values the operator set for the account; null takes the"
                                     + " server's setting.")
                             Values overrides) {

    /** One value per cap; null only among the overrides. */
    @Serdeable
    @Schema(name = "SendLimitValues")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Values(@Nullable Integer burstPerMinute, @Nullable Integer dailyPerInbox,
                         @Nullable Integer coldPerInboxNew, @Nullable Integer coldPerAccountNew,
                         @Nullable Integer coldPerAccount) {
    }

    public static SendLimitsView of(ManageSendLimits.View view) {
        SendLimits in = view.effective();
        SendLimitOverrides set = view.overrides();
        return new SendLimitsView(view.accountId().value(),
                new Values(in.burstPerMinute(), in.dailyPerInbox(), in.coldPerInboxNew(), in.coldPerAccountNew(),
                        in.coldPerAccount()),
                new Values(set.burstPerMinute(), set.dailyPerInbox(), set.coldPerInboxNew(), set.coldPerAccountNew(),
                        set.coldPerAccount()));
    }
}
