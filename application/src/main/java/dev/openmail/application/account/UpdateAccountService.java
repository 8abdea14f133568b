package dev.openmail.application.account;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.port.in.UpdateAccount;
import dev.openmail.domain.port.out.LoadAccounts;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.Transactions;

public final class UpdateAccountService implements UpdateAccount {

    private final Transactions transactions;
    private final LoadAccounts loadAccounts;
    private final SaveAccount saveAccount;

    public UpdateAccountService(Transactions transactions, LoadAccounts loadAccounts, SaveAccount saveAccount) {
        this.transactions = transactions;
        this.loadAccounts = loadAccounts;
        this.saveAccount = saveAccount;
    }

    @Override
    public Account update(Command command) {
        return transactions.inTransaction(() -> {
            Account current = loadAccounts.findForUpdate(command.accountId()).orElseThrow(() -> notFound(command));
            Account updated = current.update(command.name(), command.inboxLimit(), command.storageQuota())
                    .withDropSpoofedLocalMail(command.dropSpoofedLocalMail());
            if (!saveAccount.update(updated)) {
                throw notFound(command);
            }
            return updated;
        });
    }

    private static NotFoundException notFound(Command command) {
        return Account.notFound(command.accountId().value());
    }
}
