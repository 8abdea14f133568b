package dev.openmail.domain.port.in;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.mail.SendLimitOverrides;
import dev.openmail.domain.mail.SendLimits;

import java.util.Objects;

/** The operator's view and overrides of one account's send limits (burst, daily and cold-outreach caps). */
public interface ManageSendLimits {

    /** The account's limits; {@code NotFoundException} for an unknown account. */
    View get(AccountId accountId);

    /** Replaces the account's overrides and answers its limits now. */
    View put(AccountId accountId, SendLimitOverrides overrides);

    /** The limits in force for the account ({@code effective}) and which of them the operator set ({@code overrides}). */
    record View(AccountId accountId, SendLimits effective, SendLimitOverrides overrides) {
        public View {
            Objects.requireNonNull(accountId);
            Objects.requireNonNull(effective);
            Objects.requireNonNull(overrides);
        }
    }
}
