package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.mail.SendLimitOverrides;

/** The operator's send-limit overrides of each account, in the caller's transaction. */
public interface AccountSendLimits {

    /** The account's overrides; {@link SendLimitOverrides#NONE} when it has none. */
    SendLimitOverrides find(AccountId accountId);

    /** Replaces the account's overrides ({@link SendLimitOverrides#NONE} removes them). */
    void save(AccountId accountId, SendLimitOverrides overrides);
}
