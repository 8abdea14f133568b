package dev.openmail.application.mail;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.mail.SendLimitOverrides;
import dev.openmail.domain.mail.SendLimits;
import dev.openmail.domain.port.in.ManageSendLimits;
import dev.openmail.domain.port.out.AccountSendLimits;
import dev.openmail.domain.port.out.LoadAccounts;
import dev.openmail.domain.port.out.Transactions;

import java.util.Objects;

/**
 * The operator's send limits of an account: the installation's settings with the account's overrides in their place.
 * Sends read the overrides in their own transaction, so a change applies from the next send on.
 */
public final class ManageSendLimitsService implements ManageSendLimits {

    private final Transactions transactions;
    private final LoadAccounts loadAccounts;
    private final AccountSendLimits accountLimits;
    private final SendLimits settings;

    public ManageSendLimitsService(Transactions transactions, LoadAccounts loadAccounts,
                                   AccountSendLimits accountLimits, SendLimits settings) {
        this.transactions = transactions;
        this.loadAccounts = loadAccounts;
        this.accountLimits = accountLimits;
        this.settings = settings == null ? SendLimits.NONE : settings;
    }

    @Override
    public View get(AccountId accountId) {
        return transactions.inTransaction(() -> {
            requireAccount(accountId, false);
            return view(accountId, accountLimits.find(accountId));
        });
    }

    @Override
    public View put(AccountId accountId, SendLimitOverrides overrides) {
        Objects.requireNonNull(overrides);
        return transactions.inTransaction(() -> {
            // holds the account, so that it is not deleted under the new row
            requireAccount(accountId, true);
            accountLimits.save(accountId, overrides);
            return view(accountId, overrides);
        });
    }

    private void requireAccount(AccountId accountId, boolean forUpdate) {
        (forUpdate ? loadAccounts.findForUpdate(accountId) : loadAccounts.find(accountId))
                .orElseThrow(() -> Account.notFound(accountId.value()));
    }

    private View view(AccountId accountId, SendLimitOverrides overrides) {
        return new View(accountId, settings.with(overrides), overrides);
    }
}
